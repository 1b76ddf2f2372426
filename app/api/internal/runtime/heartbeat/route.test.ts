import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { auth } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { PROTOCOL_VERSION } from "@/runtime/src/protocol";
import { POST } from "./route";

const beat = (over: Record<string, unknown> = {}) => ({
  protocol: PROTOCOL_VERSION,
  nodeId: "node-a",
  hostname: "edge-1",
  version: "0.1.0",
  workers: 2,
  appliedRevision: 3,
  startedAt: new Date().toISOString(),
  ...over,
});

describe("POST /api/internal/runtime/heartbeat", () => {
  it("registers a node, then updates the revision it has applied", async () => {
    expect((await call(POST, { headers: auth(), body: beat() })).json).toEqual({ ok: true });
    const r = await call(POST, { headers: auth(), body: beat({ appliedRevision: 9, workers: 4 }) });
    expect(r.status).toBe(200);
    const db = await getDb();
    const rows = await db.select().from(schema.runtimeNodes).where(eq(schema.runtimeNodes.id, "node-a"));
    expect(rows).toEqual([expect.objectContaining({ hostname: "edge-1", appliedRevision: 9, workers: 4 })]);
  });

  it("rejects another protocol version, naming it, and bad fields and malformed JSON", async () => {
    const v = await call(POST, { headers: auth(), body: beat({ protocol: 99 }) });
    expect(v.status).toBe(400);
    expect(v.json.error?.issues?.[0]?.path).toBe("protocol");
    expect(v.json.error?.message).toMatch(/protocol version 99/);
    const f = await call(POST, { headers: auth(), body: beat({ appliedRevision: -1 }) });
    expect(f.status).toBe(400);
    expect(f.json.error?.issues?.[0]?.path).toBe("appliedRevision");
    const m = await call(POST, { headers: auth(), rawBody: "{nope" });
    expect(m.status).toBe(400);
    expect(m.json.error?.message).toMatch(/Malformed JSON/);
  });

  it("refuses callers without the runtime token", async () => {
    expect((await call(POST, { body: beat() })).status).toBe(401);
    expect((await call(POST, { headers: { authorization: "Bearer not-the-runtime-token" }, body: beat() })).status).toBe(401);
    const db = await getDb();
    expect(await db.select().from(schema.runtimeNodes).where(eq(schema.runtimeNodes.id, "node-x"))).toEqual([]);
  });
});
