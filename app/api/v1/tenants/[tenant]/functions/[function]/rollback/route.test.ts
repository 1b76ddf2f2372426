import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, HELLO, rowCounts, world } from "@/lib/services/functions/test-support";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { POST } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
  await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "rb" } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "v-one") } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "v-two") } });
});
const at = () => ({ tenant: w.tenant.slug, function: "rb" });

async function fn() {
  const db = await getDb();
  const [f] = await db.select().from(schema.functions).where(and(eq(schema.functions.tenantId, w.tenant.id), eq(schema.functions.name, "rb")));
  return f!;
}

describe("POST .../functions/{function}/rollback", () => {
  it("points live at an earlier version's code with a new change", async () => {
    const r = await api(POST, w.dev, at(), { body: { version: 1 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ version: 1, revision: expect.any(Number), nodes: { applied: 0, total: 0 } });
    expect((await fn()).liveVersion).toBe(1);
    const db = await getDb();
    const [c] = await db.select().from(schema.configChanges).where(eq(schema.configChanges.revision, r.json.revision as number));
    expect(c).toMatchObject({ kind: "function.deployed", payload: { function: { version: 1, code: expect.stringContaining("v-one") } } });
    // Rolling back to the live version is not refused either: it republishes it.
    expect((await api(POST, w.owner, at(), { body: { version: 1 } })).status).toBe(200);
    expect((await api(POST, w.owner, at(), { body: { version: 2 } })).json).toMatchObject({ version: 2 });
  });

  it("rejects bad bodies with 400 naming the field, and an unknown version with 404", async () => {
    for (const body of [{}, { version: "one" }, { version: 0 }, { version: 1.5 }]) {
      const r = await api(POST, w.dev, at(), { body });
      expect(r.status).toBe(400);
      expect(r.json.error?.issues?.[0]?.path).toBe("version");
    }
    expect((await api(POST, w.dev, at(), { rawBody: "{version:1}" })).status).toBe(400);
    expect((await api(POST, w.dev, at(), { body: { version: 99 } })).status).toBe(404);
  });

  it("forbids a viewer (403) and hides another tenant's function (404, token and session)", async () => {
    const before = await rowCounts();
    expect((await api(POST, w.viewer, at(), { body: { version: 1 } })).status).toBe(403);
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(POST, who, at(), { body: { version: 1 } })).status).toBe(404);
      expect((await api(POST, who, { tenant: w.otherTenant.slug, function: "rb" }, { body: { version: 1 } })).status).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
