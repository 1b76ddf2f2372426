import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { POST as CREATE } from "../route";
import { POST as DEPLOY } from "./deployments/route";
import { DELETE, GET, PATCH } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
const at = (fn: string) => ({ tenant: w.tenant.slug, function: fn });

async function lastChange() {
  const db = await getDb();
  const [c] = await db.select().from(schema.configChanges).orderBy(desc(schema.configChanges.revision)).limit(1);
  return c!;
}

describe("/api/v1/tenants/{tenant}/functions/{function}", () => {
  it("reads, renames and describes a function; a live rename is published", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "alpha" } });
    expect((await api(DEPLOY, w.dev, at("alpha"), { body: { code: HELLO } })).status).toBe(201);
    const got = await api(GET, w.viewer, at("alpha"));
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ name: "alpha", liveVersion: 1 });
    const r = await api(PATCH, w.dev, at("alpha"), { method: "PATCH", body: { name: "beta", description: "renamed" } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: "beta", description: "renamed", liveVersion: 1 });
    expect(await lastChange()).toMatchObject({ kind: "function.deployed", payload: { function: { name: "beta", version: 1 } } });
    expect((await api(GET, w.dev, at("alpha"))).status).toBe(404);
  });

  it("rejects bad PATCH bodies with 400 naming the field, and a taken name with 409", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "gamma" } });
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "delta" } });
    const bad = await api(PATCH, w.dev, at("gamma"), { method: "PATCH", body: { name: "Not A Slug" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("name");
    const empty = await api(PATCH, w.dev, at("gamma"), { method: "PATCH", body: {} });
    expect(empty.status).toBe(400);
    expect((await api(PATCH, w.dev, at("gamma"), { method: "PATCH", rawBody: "{" })).status).toBe(400);
    const taken = await api(PATCH, w.dev, at("gamma"), { method: "PATCH", body: { name: "delta" } });
    expect(taken.status).toBe(409);
  });

  it("deletes a function and tells the runtime (function.deleted)", async () => {
    const created = await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "doomed" } });
    const r = await api(DELETE, w.dev, at("doomed"), { method: "DELETE" });
    expect(r.status).toBe(204);
    expect(await lastChange()).toMatchObject({ kind: "function.deleted", tenantId: w.tenant.id, payload: { functionId: created.json.id, tenantId: w.tenant.id } });
    expect((await api(GET, w.dev, at("doomed"))).status).toBe(404);
    expect((await api(DELETE, w.dev, at("doomed"), { method: "DELETE" })).status).toBe(404);
    const db = await getDb();
    const [a] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "function.deleted"));
    expect(a).toMatchObject({ target: "doomed", tenantId: w.tenant.id });
  });

  it("lets a viewer read but not change or delete (403)", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "kept" } });
    expect((await api(GET, w.viewer, at("kept"))).status).toBe(200);
    expect((await api(PATCH, w.viewer, at("kept"), { method: "PATCH", body: { description: "x" } })).status).toBe(403);
    expect((await api(DELETE, w.viewer, at("kept"), { method: "DELETE" })).status).toBe(403);
    expect((await api(GET, w.viewer, at("kept"))).status).toBe(200);
  });

  it("answers 404 for another tenant's function, by token and by session", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "private" } });
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      for (const tenant of [w.tenant.slug, w.otherTenant.slug]) {
        const p = { tenant, function: "private" };
        expect((await api(GET, who, p)).status).toBe(404);
        expect((await api(PATCH, who, p, { method: "PATCH", body: { description: "pwned" } })).status).toBe(404);
        expect((await api(DELETE, who, p, { method: "DELETE" })).status).toBe(404);
      }
    }
    expect((await api(GET, w.dev, at("private"))).json).toMatchObject({ description: "" });
  });
});
