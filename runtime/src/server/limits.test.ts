/**
 * The real engine (real isolates, real HTTP on a free port) against fixtures that misbehave:
 * every attempt fails safely with the right error while another tenant keeps being served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Meter } from "../metering/meter.ts";
import type { FunctionState, TenantState } from "../protocol/index.ts";
import { fn, request, servedEngine, tenant, waitFor } from "../../test/helpers.ts";
import { housekeep } from "./housekeeping.ts";
import { sealSecret, unsealSecret } from "../protocol/secrets.ts";

const BASE = "edge.localhost";
let port = 0;
const meter = new Meter();
const logs: Parameters<Meter["log"]>[0][] = [];
const served = servedEngine({ meter: { record: (r) => meter.record(r), log: (l) => logs.push(l) }, openSecret: (s) => unsealSecret(s, "test-token") });
const engine = served.engine;

beforeAll(async () => {
  const tenants: TenantState[] = [tenant("t1", "good"), tenant("t2", "bad", { cpuMs: 50, memoryMb: 32, wallMs: 1000, subrequests: 5, requestBodyBytes: 1024 }), tenant("t3", "off", {}, "suspended"), tenant("t4", "mem", { cpuMs: 5000, memoryMb: 32 })];
  const fns: FunctionState[] = await Promise.all([
    fn("t1", "hello", "hello.ts", { vars: { GREETING: "tenant one" } }),
    fn("t1", "sw", "sw.js"),
    fn("t2", "throws", "throws.ts"),
    fn("t2", "loops", "loops.js"),
    fn("t4", "allocates", "allocates.js"),
    fn("t2", "sleeps", "sleeps.js"),
    fn("t2", "subrequests", "subrequests.js", { vars: { TARGET: "http://8.8.8.8.invalid/" } }),
    fn("t2", "echo", "hello.ts"),
    fn("t2", "nohandler", "nohandler.js"),
    fn("t2", "startup", "startup.ts"),
    fn("t3", "hello", "hello.ts"),
    fn("t1", "secret", "hello.ts").then((f) => ({ ...f, secrets: { GREETING: sealSecret("from a secret", "test-token") } })),
  ]);
  port = await served.start(tenants, fns);
});

afterAll(() => served.stop());

const json = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

describe("routing", () => {
  it("serves a module function with env vars and a request id", async () => {
    const r = await request(port, `hello.good.${BASE}`, "/a?q=1");
    expect(r.status).toBe(200);
    expect(json(r.body)).toEqual({ hello: "tenant one", path: "/a", q: "1", uuid: 36 });
    expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("opens sealed secrets into env", async () => {
    const r = await request(port, `secret.good.${BASE}`);
    expect(json(r.body).hello).toBe("from a secret");
  });

  it("brings an evicted function back on the next request", async () => {
    expect((await request(port, `hello.good.${BASE}`)).status).toBe(200);
    expect(housekeep(engine, { idleEvictMs: 0, heapBudgetMb: 0 })).toBeGreaterThan(0);
    expect(engine.route("hello", "good")?.pool?.instanceCount).toBe(0);
    const t = performance.now();
    expect((await request(port, `hello.good.${BASE}`)).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("serves the service-worker shape", async () => {
    const r = await request(port, `sw.good.${BASE}:8080`, "/");
    expect(r.status).toBe(200);
    expect(r.body).toBe("service worker says hi");
  });

  it("answers 404 JSON for an unknown host and 403 for a suspended tenant", async () => {
    const r = await request(port, `nope.good.${BASE}`);
    expect(r.status).toBe(404);
    expect(json(r.body).error).toBe("not_found");
    expect(r.headers["x-request-id"]).toBeTruthy();
    expect((await request(port, "example.com")).status).toBe(404);
    const s = await request(port, `hello.off.${BASE}`);
    expect(s.status).toBe(403);
    expect(json(s.body).error).toBe("tenant_suspended");
  });

  it("streams a request body through the function", async () => {
    const body = "x".repeat(200_000);
    const r = await request(port, `hello.good.${BASE}`, "/echo", { method: "POST", body });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(200_000);
  });
});

describe("limits", () => {
  it("maps an uncaught exception to 500 and logs the stack at the user's own lines", async () => {
    const r = await request(port, `throws.bad.${BASE}`, "/x");
    expect(r.status).toBe(500);
    const body = json(r.body);
    expect(body.error).toBe("uncaught_exception");
    expect(body.request_id).toBe(r.headers["x-request-id"]);
    const entry = logs.find((l) => l.requestId === body.request_id && l.level === "error");
    expect(entry?.message).toContain("boom: /x");
    const stack = String((entry?.details as { stack: string }).stack);
    expect(stack).toMatch(/throws\.ts:2:9/);
    // Only the tenant's frames: none of the prelude's, nothing of the host's.
    expect(stack).not.toMatch(/edge-prelude|file:|node:|isolated-vm|instance\.ts/);
    expect(logs.some((l) => l.requestId === body.request_id && l.level === "warn" && l.message === "about to throw")).toBe(true);
  });

  it("answers 500 when the module's top level throws, and logs where in the tenant's file, nothing of the host's", async () => {
    const r = await request(port, `startup.bad.${BASE}`);
    expect(r.status).toBe(500);
    const body = json(r.body);
    expect(body.error).toBe("function_failed_to_start");
    const entry = logs.find((l) => l.requestId === body.request_id && l.level === "error");
    expect(entry?.message).toBe("Function failed to start: PORT is not a number");
    const stack = String((entry?.details as { stack: string }).stack);
    expect(stack).toMatch(/^Error: PORT is not a number\n\s+at \S*startup\.ts:3:\d+$/);
    expect(stack).not.toMatch(/file:|node:|isolated-vm|instance\.ts|runtime\/src/);
  });

  it("says so when a module has no fetch handler (the isolate's warm-up handler never answers for it)", async () => {
    const r = await request(port, `nohandler.bad.${BASE}`);
    expect(r.status).toBe(500);
    expect(r.body).not.toContain("warm");
    const entry = logs.find((l) => l.requestId === json(r.body).request_id && l.level === "error");
    expect(entry?.message).toContain("The function has no fetch handler");
  });

  it("stops a synchronous infinite loop at the CPU limit", async () => {
    const t = Date.now();
    const r = await request(port, `loops.bad.${BASE}`);
    expect(r.status).toBe(503);
    expect(json(r.body)).toMatchObject({ error: "cpu_limit_exceeded", limit_ms: 50 });
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it("keeps the host responsive while a loop runs (stats never wait for a busy isolate)", async () => {
    const pending = request(port, `loops.bad.${BASE}`);
    await waitFor(() => engine.stats().inFlight > 0, 2000, "loop in flight");
    const t = performance.now();
    engine.stats();
    expect(performance.now() - t).toBeLessThan(20);
    expect((await pending).status).toBe(503);
  });

  it("stops an async loop (many microtask turns) at the CPU limit", async () => {
    const r = await request(port, `loops.bad.${BASE}`, "/async");
    expect(r.status).toBe(503);
    expect(json(r.body).error).toBe("cpu_limit_exceeded");
  });

  it("stops unbounded allocation as out-of-memory, not as a timeout", async () => {
    const r = await request(port, `allocates.mem.${BASE}`);
    expect(r.status).toBe(503);
    expect(json(r.body)).toMatchObject({ error: "memory_limit_exceeded", limit_mb: 32 });
    const b = await request(port, `allocates.mem.${BASE}`, "/buffers");
    expect(b.status).toBe(503);
    expect(json(b.body).error).toBe("memory_limit_exceeded");
  });

  it("stops a request past the wall clock", async () => {
    const r = await request(port, `sleeps.bad.${BASE}`);
    expect(r.status).toBe(503);
    expect(json(r.body)).toMatchObject({ error: "wall_clock_exceeded", limit_ms: 1000 });
  });

  it("refuses a body over the limit with 413, declared or streamed", async () => {
    const r = await request(port, `echo.bad.${BASE}`, "/echo", { method: "POST", body: "x".repeat(5000) });
    expect(r.status).toBe(413);
    expect(json(r.body).error).toBe("request_body_too_large");
    const chunked = await request(port, `echo.bad.${BASE}`, "/echo", { method: "POST", body: "y".repeat(5000), headers: { "transfer-encoding": "chunked" } });
    expect(chunked.status).toBe(413);
  });

  it("stops a subrequest flood at the subrequest limit", async () => {
    const r = await request(port, `subrequests.bad.${BASE}`);
    expect(r.status).toBe(503);
    expect(json(r.body)).toMatchObject({ error: "subrequest_limit_exceeded", limit: 5 });
  });

  it("keeps serving another tenant while every bad function misbehaves at once", async () => {
    const bad = ["loops.bad", "allocates.mem", "sleeps.bad", "throws.bad", "subrequests.bad"].map((f) => request(port, `${f}.${BASE}`));
    const good = Array.from({ length: 40 }, (_, i) => request(port, `hello.good.${BASE}`, `/g${i}`));
    const goodReplies = await Promise.all(good);
    expect(goodReplies.every((r) => r.status === 200)).toBe(true);
    const badReplies = await Promise.all(bad);
    expect(badReplies.map((r) => r.status).sort()).toEqual([500, 503, 503, 503, 503]);
    // After all that the bad functions' replacements still answer.
    expect((await request(port, `throws.bad.${BASE}`)).status).toBe(500);
  });

  it("meters invocations with limit events and errors", () => {
    const { rollups } = meter.drain();
    // Summed over minutes: a run may cross a minute boundary.
    const total = (functionId: string) => {
      const mine = rollups.filter((r) => r.functionId === functionId);
      const sum = (k: "requests" | "status2xx" | "status5xx" | "limitEvents" | "cpuUs") => mine.reduce((a, r) => a + r[k], 0);
      return { requests: sum("requests"), status2xx: sum("status2xx"), status5xx: sum("status5xx"), limitEvents: sum("limitEvents"), cpuUs: sum("cpuUs"), histogrammed: mine.reduce((a, r) => a + r.latencyHist.reduce((x, y) => x + y, 0), 0) };
    };
    const loops = total("t2-loops");
    expect(loops.limitEvents).toBeGreaterThanOrEqual(2);
    expect(loops.status5xx).toBe(loops.requests);
    expect(loops.cpuUs).toBeGreaterThanOrEqual(50_000);
    const hello = total("t1-hello");
    expect(hello.status2xx).toBeGreaterThan(40);
    expect(hello.histogrammed).toBe(hello.requests);
  });
});
