/**
 * What happens to a version a deploy replaced (real engine, isolates and HTTP): it keeps its
 * in-flight requests, and its isolates go once the new version has answered its first request
 * (so that request does not pay for the disposal), or after a while if none comes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VersionPool } from "../isolates/pool.ts";
import { fn, request, servedEngine, stateWith, tenant, waitFor } from "../../test/helpers.ts";

const served = servedEngine({ retireLatestMs: 1500 });
const engine = served.engine;
const acme = tenant("t1", "acme");
let port = 0;

const pool = (name: string): VersionPool => {
  const r = engine.route(name, "acme");
  if (!r?.pool) throw new Error(`no pool for ${name}`);
  return r.pool;
};
const greeting = async (name: string): Promise<string> => (JSON.parse((await request(port, `${name}.acme.edge.localhost`)).body) as { hello: string }).hello;

beforeAll(async () => {
  port = await served.start([acme], [await fn("t1", "a", "hello.ts", { vars: { GREETING: "a1" } }), await fn("t1", "b", "hello.ts", { vars: { GREETING: "b1" } })]);
});

afterAll(() => served.stop());

describe("a replaced version", () => {
  it("finishes its in-flight request and goes once the new version has answered", async () => {
    expect(await greeting("a")).toBe("a1");
    const old = pool("a");
    const slow = request(port, "a.acme.edge.localhost", "/sleep?ms=600");
    await waitFor(() => old.inFlight === 1, 2000, "request in flight");
    await engine.reconcile(stateWith([acme], [await fn("t1", "a", "hello.ts", { version: 2, vars: { GREETING: "a2" } }), await fn("t1", "b", "hello.ts", { vars: { GREETING: "b1" } })]));
    expect(await greeting("a")).toBe("a2");
    expect(old.inFlight).toBe(1);
    const r = await slow;
    expect([r.status, r.body]).toEqual([200, "slept"]);
    // Well before retireLatestMs: it went because the new version answered.
    await waitFor(() => old.instanceCount === 0, 300, "old version disposed");
  });

  it("stays until the new version answers, or a while if none comes", async () => {
    const old = pool("b");
    expect(old.instanceCount).toBe(1);
    await engine.reconcile(stateWith([acme], [await fn("t1", "a", "hello.ts", { version: 2, vars: { GREETING: "a2" } }), await fn("t1", "b", "hello.ts", { version: 2, vars: { GREETING: "b2" } })]));
    await new Promise((r) => setTimeout(r, 300));
    expect(old.instanceCount).toBe(1);
    await waitFor(() => old.instanceCount === 0, 3000, "old version disposed after retireLatestMs");
  });
});
