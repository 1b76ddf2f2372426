/**
 * What happens to a version a deploy replaced (real engine, isolates and HTTP): it keeps its
 * in-flight requests, and its isolates go once the new version has answered its first request
 * (so that request does not pay for the disposal), or after a while if none comes; the reaper
 * disposes them in a quiet moment, not while requests keep coming.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionInstance } from "../isolates/instance.ts";
import type { VersionPool } from "../isolates/pool.ts";
import { Reaper } from "../isolates/reaper.ts";
import { fn, request, servedEngine, stateWith, tenant, waitFor } from "../../test/helpers.ts";
import { housekeep } from "./housekeeping.ts";

// Quiet means 150 ms without a request here (10 ms in production), so that a slow CI machine
// cannot make a pause between the test's requests look quiet.
const reaper = new Reaper({ quietMs: 150, latestMs: 10_000 });
const served = servedEngine({ retireLatestMs: 1500, reaper });
const engine = served.engine;
const acme = tenant("t1", "acme");
let port = 0;

const pool = (name: string): VersionPool => {
  const r = engine.route(name, "acme");
  if (!r?.pool) throw new Error(`no pool for ${name}`);
  return r.pool;
};
/** Applies functions a and b at these versions (greeting "a<version>", "b<version>"). */
const deploy = async (a: number, b: number): Promise<void> =>
  engine.reconcile(stateWith([acme], [await fn("t1", "a", "hello.ts", { version: a, vars: { GREETING: `a${a}` } }), await fn("t1", "b", "hello.ts", { version: b, vars: { GREETING: `b${b}` } })]));
/** A handle on one of the pool's idle isolates (taken and given back unused). */
const idleInstance = (p: VersionPool): FunctionInstance => {
  const inst = p.take()!;
  p.release(inst);
  return inst;
};
const greeting = async (name: string): Promise<string> => (JSON.parse((await request(port, `${name}.acme.edge.localhost`)).body) as { hello: string }).hello;

beforeAll(async () => {
  port = await served.start([acme], []);
  await deploy(1, 1);
});

afterAll(() => served.stop());

describe("a replaced version", () => {
  it("finishes its in-flight request and goes once the new version has answered", async () => {
    expect(await greeting("a")).toBe("a1");
    const old = pool("a");
    const slow = request(port, "a.acme.edge.localhost", "/sleep?ms=600");
    await waitFor(() => old.inFlight === 1, 2000, "request in flight");
    await deploy(2, 1);
    expect(await greeting("a")).toBe("a2");
    expect(old.inFlight).toBe(1);
    const r = await slow;
    expect([r.status, r.body]).toEqual([200, "slept"]);
    // Well before retireLatestMs: it went because the new version answered.
    await waitFor(() => old.instanceCount === 0 && reaper.pending === 0, 600, "old version disposed");
  });

  it("is disposed in a quiet moment after the new version's first answer, not while requests come", async () => {
    const old = pool("a");
    const inst = idleInstance(old);
    await deploy(3, 1);
    expect(await greeting("a")).toBe("a3");
    // The engine's next look (every 20 ms) takes it out of the old pool; the reaper does not
    // dispose it yet.
    await waitFor(() => old.instanceCount === 0, 500, "old version retired after the first answer");
    expect([reaper.pending, inst.disposed]).toEqual([1, false]);
    const until = performance.now() + 500;
    while (performance.now() < until) {
      expect(await greeting("a")).toBe("a3");
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(inst.disposed).toBe(false);
    await waitFor(() => inst.disposed, 1000, "old isolate disposed once requests stopped");
    expect(reaper.pending).toBe(0);
  });

  it("stays until the new version answers, or a while if none comes", async () => {
    const old = pool("b");
    expect(old.instanceCount).toBe(1);
    await deploy(3, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(old.instanceCount).toBe(1);
    await waitFor(() => old.instanceCount === 0, 3000, "old version disposed after retireLatestMs");
  });

  it("counts isolates waiting for the reaper in the stats, and lets them go first under memory pressure", async () => {
    await waitFor(() => reaper.pending === 0, 1000, "earlier tests' isolates disposed");
    const old = pool("a");
    const inst = idleInstance(old);
    await deploy(4, 2);
    // The replaced version is counted while it waits for its successor's first answer...
    const held = old.instanceCount;
    const before = engine.stats().isolates;
    expect(before).toBe(2 + held);
    expect(await greeting("a")).toBe("a4");
    // ...and then while it waits for the reaper.
    await waitFor(() => old.instanceCount === 0, 500, "old version retired after the first answer");
    expect([reaper.pending, inst.disposed, engine.stats().isolates]).toEqual([held, false, before]);
    housekeep(engine, { idleEvictMs: 60_000, heapBudgetMb: 0 });
    expect([reaper.pending, inst.disposed]).toEqual([0, true]);
  });

  it("replaced twice before the middle version answered, goes when the newest answers", async () => {
    expect(await greeting("a")).toBe("a4");
    const first = pool("a");
    await deploy(5, 2);
    const middle = pool("a");
    await deploy(6, 2);
    expect([first.instanceCount, middle.instanceCount]).toEqual([1, 1]);
    expect(await greeting("a")).toBe("a6");
    // Well before retireLatestMs (1.5 s): the middle version never answers, the newest did.
    await waitFor(() => first.instanceCount === 0 && middle.instanceCount === 0, 600, "both replaced versions retired after the newest's first answer");
  });

  it("goes at once when the function that replaced it is deleted before answering", async () => {
    const old = pool("a");
    await deploy(7, 2);
    expect(old.instanceCount).toBe(1);
    await engine.reconcile(stateWith([acme], [await fn("t1", "b", "hello.ts", { version: 2, vars: { GREETING: "b2" } })]));
    expect(engine.route("a", "acme")?.pool ?? null).toBeNull();
    await waitFor(() => old.instanceCount === 0, 600, "replaced version retired once its successor was deleted");
  });
});
