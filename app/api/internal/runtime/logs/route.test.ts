import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { auth } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { PROTOCOL_VERSION } from "@/runtime/src/protocol";
import { POST } from "./route";

const line = (message: string, over: Record<string, unknown> = {}) => ({
  tenantId: "t1",
  functionId: "f1",
  version: 1,
  requestId: crypto.randomUUID(),
  at: new Date().toISOString(),
  level: "log",
  message,
  ...over,
});

const batch = (logs: unknown[], batchId = crypto.randomUUID()) => ({ protocol: PROTOCOL_VERSION, batchId, nodeId: "node-a", logs });

async function messages() {
  const db = await getDb();
  return (await db.select().from(schema.functionLogs)).map((r) => r.message).sort();
}

describe("POST /api/internal/runtime/logs", () => {
  it("stores log lines once per batch id", async () => {
    const b = batch([line("hello"), line("boom", { level: "error", status: 500, details: { kind: "uncaught", stack: "Error: boom" } })]);
    expect((await call(POST, { headers: auth(), body: b })).json).toEqual({ ok: true, duplicate: false });
    expect((await call(POST, { headers: auth(), body: b })).json).toEqual({ ok: true, duplicate: true });
    expect(await messages()).toEqual(["boom", "hello"]);
    const db = await getDb();
    const boom = (await db.select().from(schema.functionLogs)).find((r) => r.message === "boom");
    expect(boom).toMatchObject({ level: "error", status: 500, details: { kind: "uncaught" } });
  });

  it("rejects bad lines with 400 naming the field, and stores nothing", async () => {
    const before = await messages();
    const r = await call(POST, { headers: auth(), body: batch([line("ok"), line("bad", { level: "shout" })]) });
    expect(r.status).toBe(400);
    expect(r.json.error?.issues?.[0]?.path).toBe("logs.1.level");
    expect((await call(POST, { headers: auth(), body: { ...batch([]), protocol: 0 } })).json.error?.issues?.[0]?.path).toBe("protocol");
    expect((await call(POST, { method: "POST", headers: auth(), rawBody: "" })).status).toBe(400);
    expect(await messages()).toEqual(before);
  });

  it("refuses callers without the runtime token", async () => {
    expect((await call(POST, { body: batch([line("x")]) })).status).toBe(401);
    expect((await call(POST, { headers: { authorization: "Bearer x".repeat(3) }, body: batch([line("x")]) })).status).toBe(401);
    expect(await messages()).not.toContain("x");
  });
});
