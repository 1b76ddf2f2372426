import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { withTransaction } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { waiterCount } from "@/lib/services/runtime/signals";
import { auth, until, withDeadline } from "@/lib/services/runtime/test-support";
import { ChangesResponse, PROTOCOL_VERSION } from "@/runtime/src/protocol";
import { portOf, startInternalServer } from "./internal-server";

let server: http.Server;
let base = "";

beforeAll(async () => {
  server = await startInternalServer(0, "127.0.0.1");
  base = `http://127.0.0.1:${portOf(server)}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const heartbeat = (nodeId: string, appliedRevision: number) => ({ protocol: PROTOCOL_VERSION, nodeId, hostname: "h", version: "0.1.0", workers: 1, appliedRevision, startedAt: new Date().toISOString() });

describe("the console's runtime-API listener", () => {
  it("serves the runtime routes with the runtime token, and nothing else", async () => {
    const res = await fetch(`${base}/api/internal/runtime/heartbeat`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify(heartbeat("node-listener", 3)) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const db = await getDb();
    expect((await db.select().from(schema.runtimeNodes)).map((n) => [n.id, Number(n.appliedRevision)])).toContainEqual(["node-listener", 3]);

    const anonymous = await fetch(`${base}/api/internal/runtime/snapshot`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${base}/api/internal/runtime/heartbeat`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/JSON/i);
    const elsewhere = await fetch(`${base}/api/v1/me`, { headers: auth() });
    expect(elsewhere.status).toBe(404);
    const wrongMethod = await fetch(`${base}/api/internal/runtime/changes?after=0`, { method: "POST", headers: auth() });
    expect(wrongMethod.status).toBe(404);
  });

  it("holds a long-poll until a change commits, and a runtime hanging up ends it", async () => {
    const first = ChangesResponse.parse(await (await fetch(`${base}/api/internal/runtime/changes?after=0&timeout=0`, { headers: auth() })).json());
    const latest = first.revision;
    const before = waiterCount("change");
    const poll = fetch(`${base}/api/internal/runtime/changes?after=${latest}&timeout=20000`, { headers: auth() }).then(async (r) => ChangesResponse.parse(await r.json()));
    await until(() => waiterCount("change") > before, 5_000, "long-poll parked");
    const rev = await withTransaction((tx) => appendChange(tx, { kind: "function.deleted", functionId: "f-listener", tenantId: "t-listener" }, null));
    const got = await withDeadline(poll, 5_000, "long-poll answered");
    expect(got.changes.map((c) => c.revision)).toEqual([rev]);

    const ac = new AbortController();
    const held = fetch(`${base}/api/internal/runtime/changes?after=${rev}&timeout=20000`, { headers: auth(), signal: ac.signal }).catch(() => null);
    await until(() => waiterCount("change") > before, 5_000, "second long-poll parked");
    ac.abort();
    await held;
    await until(() => waiterCount("change") === before, 5_000, "the wait ended with the connection");
  });
});
