// Covers variables/route.ts and variables/[name]/route.ts, which share the fixture.
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { FunctionState } from "@/runtime/src/protocol";
import { unsealSecret } from "@/runtime/src/protocol/secrets";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { GET as GET_FN } from "../route";
import { DELETE, GET as GET_ONE, PUT } from "./[name]/route";
import { GET } from "./route";

const SECRET = "sk_live_TOP-SECRET-4242";

let w: Awaited<ReturnType<typeof world>>;
const seen: unknown[] = [];
beforeAll(async () => {
  w = await world();
  await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "vars" } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO } });
});
const at = (name?: string) => ({ tenant: w.tenant.slug, function: "vars", ...(name ? { name } : {}) });
/** Every response body is kept, to check at the end that the secret never left the console. */
async function send(...args: Parameters<typeof api>) {
  const r = await api(...args);
  seen.push(r.json);
  return r;
}

async function lastState() {
  const db = await getDb();
  const [c] = await db.select().from(schema.configChanges).orderBy(desc(schema.configChanges.revision)).limit(1);
  return { kind: c!.kind, state: FunctionState.parse((c!.payload as { function: unknown }).function), revision: c!.revision };
}

describe("/functions/{function}/variables", () => {
  it("sets a plain variable and a secret and republishes the live version with both", async () => {
    const plain = await send(PUT, w.dev, at("GREETING"), { method: "PUT", body: { value: "hi", secret: false } });
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ name: "GREETING", secret: false, value: "hi", revision: expect.any(Number) });
    const sec = await send(PUT, w.owner, at("API_KEY"), { method: "PUT", body: { value: SECRET, secret: true } });
    expect(sec.status).toBe(200);
    expect(sec.json).toEqual({ name: "API_KEY", secret: true, updatedAt: expect.any(String), updatedBy: expect.any(String), revision: expect.any(Number) });
    const { kind, state, revision } = await lastState();
    expect(kind).toBe("function.deployed");
    expect(revision).toBe(sec.json.revision);
    expect(state).toMatchObject({ version: 1, vars: { GREETING: "hi" } });
    expect(unsealSecret(state.secrets.API_KEY!, runtimeToken())).toBe(SECRET);
  });

  it("stores variables of a never-deployed function without publishing anything", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "draft" } });
    const before = await lastState();
    const r = await send(PUT, w.dev, { tenant: w.tenant.slug, function: "draft", name: "X" }, { method: "PUT", body: { value: "1" } });
    expect(r.json).toMatchObject({ name: "X", value: "1", revision: null });
    expect((await lastState()).revision).toBe(before.revision);
  });

  it("lists and reads variables, never showing a secret's value", async () => {
    const list = await send(GET, w.viewer, at());
    expect(list.status).toBe(200);
    expect(list.json.variables).toEqual([
      { name: "API_KEY", secret: true, updatedAt: expect.any(String), updatedBy: expect.any(String) },
      expect.objectContaining({ name: "GREETING", secret: false, value: "hi" }),
    ]);
    const one = await send(GET_ONE, w.viewer, at("API_KEY"));
    expect(one.json).not.toHaveProperty("value");
    expect((await send(GET_ONE, w.viewer, at("NOPE"))).status).toBe(404);
  });

  it("turns a secret back into a plain variable and deletes variables, republishing each time", async () => {
    await send(PUT, w.dev, at("GREETING"), { method: "PUT", body: { value: "hello", secret: true } });
    expect((await lastState()).state).toMatchObject({ vars: {}, secrets: { GREETING: expect.any(String) } });
    const del = await send(DELETE, w.dev, at("GREETING"), { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await lastState()).state.secrets).not.toHaveProperty("GREETING");
    expect((await send(DELETE, w.dev, at("GREETING"), { method: "DELETE" })).status).toBe(404);
  });

  it("rejects bad names and bodies with 400 naming the field", async () => {
    for (const name of ["1ABC", "has-dash", "a b"]) {
      const r = await send(PUT, w.dev, at(name), { method: "PUT", body: { value: "x" } });
      expect(r.status).toBe(400);
      expect(r.json.error?.issues?.[0]?.path).toBe("name");
      expect((await send(GET_ONE, w.dev, at(name))).json.error?.issues?.[0]?.path).toBe("name");
    }
    const noValue = await send(PUT, w.dev, at("OK"), { method: "PUT", body: { secret: true } });
    expect(noValue.json.error?.issues?.[0]?.path).toBe("value");
    const badSecret = await send(PUT, w.dev, at("OK"), { method: "PUT", body: { value: "x", secret: "yes" } });
    expect(badSecret.json.error?.issues?.[0]?.path).toBe("secret");
    const malformed = await send(PUT, w.dev, at("OK"), { method: "PUT", rawBody: '{"value":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error?.message).toMatch(/Malformed JSON/);
  });

  it("lets a viewer read but not set or delete (403)", async () => {
    expect((await send(PUT, w.viewer, at("VIEWER"), { method: "PUT", body: { value: "x" } })).status).toBe(403);
    expect((await send(DELETE, w.viewer, at("API_KEY"), { method: "DELETE" })).status).toBe(403);
    expect((await send(GET, w.viewer, at())).status).toBe(200);
  });

  it("answers 404 for another tenant's function, by token and by session", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      for (const tenant of [w.tenant.slug, w.otherTenant.slug]) {
        const p = { tenant, function: "vars" };
        expect((await send(GET, who, p)).status).toBe(404);
        expect((await send(GET_ONE, who, { ...p, name: "API_KEY" })).status).toBe(404);
        expect((await send(PUT, who, { ...p, name: "API_KEY" }, { method: "PUT", body: { value: "stolen" } })).status).toBe(404);
        expect((await send(DELETE, who, { ...p, name: "API_KEY" }, { method: "DELETE" })).status).toBe(404);
      }
    }
    const list = await send(GET, w.dev, at());
    expect(list.json.variables).toEqual([expect.objectContaining({ name: "API_KEY", secret: true })]);
  });

  it("never lets the secret appear in a response, an audit row, the change feed or the table", async () => {
    seen.push((await api(GET_FN, w.dev, at())).json);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
    const db = await getDb();
    const audits = await db.select().from(schema.auditLog).where(eq(schema.auditLog.tenantId, w.tenant.id));
    expect(audits.some((a) => a.action === "variable.created")).toBe(true);
    expect(JSON.stringify(audits)).not.toContain(SECRET);
    expect(JSON.stringify(await db.select().from(schema.configChanges))).not.toContain(SECRET);
    expect(JSON.stringify(await db.select().from(schema.functionVariables))).not.toContain(SECRET);
  });
});
