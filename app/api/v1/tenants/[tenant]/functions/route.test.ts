import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { POST as DEPLOY } from "./[function]/deployments/route";
import { GET, POST } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
const at = () => ({ tenant: w.tenant.slug });

describe("/api/v1/tenants/{tenant}/functions", () => {
  it("creates a function (201) and lists it, for a developer and a viewer", async () => {
    const r = await api(POST, w.dev, at(), { body: { name: "hello-world", description: "says hi" } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ name: "hello-world", description: "says hi", liveVersion: null });
    for (const who of [w.dev, w.viewer, w.owner]) {
      const list = await api(GET, who, at());
      expect(list.status).toBe(200);
      expect(list.json.functions).toEqual([expect.objectContaining({ name: "hello-world" })]);
    }
    const db = await getDb();
    const audits = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "function.created"));
    expect(audits).toEqual([expect.objectContaining({ tenantId: w.tenant.id, target: "hello-world" })]);
  });

  it("lists each function's most recent deploy: version, time and author", async () => {
    await api(POST, w.dev, at(), { body: { name: "deployed-twice" } });
    await api(DEPLOY, w.dev, { ...at(), function: "deployed-twice" }, { body: { code: HELLO } });
    await api(DEPLOY, w.owner, { ...at(), function: "deployed-twice" }, { body: { code: HELLO } });
    const list = await api(GET, w.viewer, at());
    const fns = list.json.functions as { name: string; lastDeploy: unknown }[];
    expect(fns.find((f) => f.name === "deployed-twice")?.lastDeploy).toMatchObject({ version: 2, at: expect.any(String), byEmail: expect.stringContaining("@") });
    expect(fns.find((f) => f.name === "hello-world")?.lastDeploy).toBeNull();
  });

  it("lists each function's invocations and errors of the last 24 hours, from the runtime's rollups", async () => {
    const created = await api(POST, w.dev, at(), { body: { name: "busy" } });
    const functionId = created.json.id as string;
    await pushRollups([
      rollup({ tenantId: w.tenant.id, functionId, minute: minuteAgo(5), requests: 40, status2xx: 37, status5xx: 3, errors: 3 }),
      rollup({ tenantId: w.tenant.id, functionId, minute: minuteAgo(60 * 20), requests: 10, status2xx: 10 }),
      // Older than a day: not counted.
      rollup({ tenantId: w.tenant.id, functionId, minute: minuteAgo(60 * 25), requests: 1000, errors: 500 }),
    ]);
    const fns = (await api(GET, w.viewer, at())).json.functions as { name: string; last24h: unknown }[];
    expect(fns.find((f) => f.name === "busy")?.last24h).toEqual({ invocations: 50, errors: 3 });
    expect(fns.find((f) => f.name === "hello-world")?.last24h).toEqual({ invocations: 0, errors: 0 });
    // Another tenant's traffic never shows up here.
    const theirs = (await api(GET, w.outsider, { tenant: w.otherTenant.slug })).json.functions as unknown[];
    expect(theirs).toEqual([]);
  });

  it("refuses a taken name with 409", async () => {
    await api(POST, w.dev, at(), { body: { name: "dup" } });
    const r = await api(POST, w.owner, at(), { body: { name: "dup" } });
    expect(r.status).toBe(409);
    expect(r.json.error?.code).toBe("conflict");
  });

  it("rejects bad names and malformed JSON with 400 naming the field", async () => {
    for (const name of ["Hello", "-x", "has space", "", "a".repeat(64)]) {
      const r = await api(POST, w.dev, at(), { body: { name } });
      expect(r.status).toBe(400);
      expect(r.json.error?.issues?.[0]?.path).toBe("name");
    }
    const d = await api(POST, w.dev, at(), { body: { name: "ok-name", description: 5 } });
    expect(d.json.error?.issues?.[0]?.path).toBe("description");
    const m = await api(POST, w.dev, at(), { rawBody: '{"name": ' });
    expect(m.status).toBe(400);
    expect(m.json.error?.message).toMatch(/Malformed JSON/);
  });

  it("forbids a viewer from creating (403)", async () => {
    const r = await api(POST, w.viewer, at(), { body: { name: "viewer-made" } });
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe("forbidden");
  });

  it("answers 404 to a member of another tenant, by token and by session, and lists only their own", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, at())).status).toBe(404);
      expect((await api(POST, who, at(), { body: { name: "intruder" } })).status).toBe(404);
      const own = await api(GET, who, { tenant: w.otherTenant.slug });
      expect(own.status).toBe(200);
      expect(own.json.functions).toEqual([]);
    }
  });
});
