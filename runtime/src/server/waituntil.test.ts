/**
 * ctx.waitUntil / event.waitUntil on a real engine and HTTP server: the response goes out at once,
 * the invocation (and its isolate) lasts until the promises settle, bounded by the wall clock;
 * their CPU, console lines, rejections and limit events belong to the request that made them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvocationRecord } from "../metering/types.ts";
import type { FunctionState, LogEntry, TenantState } from "../protocol/index.ts";
import { fn, request, servedEngine, tenant, waitFor } from "../../test/helpers.ts";

const BASE = "edge.localhost";
const HOST = `waits.w.${BASE}`;
const WALL_MS = 1000;
const CPU_MS = 100;
let port = 0;
const records: InvocationRecord[] = [];
const logs: LogEntry[] = [];
const served = servedEngine({ meter: { record: (r) => records.push(r), log: (l) => logs.push(l) } });
const engine = served.engine;

beforeAll(async () => {
  const tenants: TenantState[] = [tenant("w", "w", { wallMs: WALL_MS, cpuMs: CPU_MS })];
  const fns: FunctionState[] = await Promise.all([fn("w", "waits", "waituntil.js"), fn("w", "sw", "waituntil-sw.js")]);
  port = await served.start(tenants, fns);
});

afterAll(() => served.stop());

const linesOf = (requestId: unknown): LogEntry[] => logs.filter((l) => l.requestId === requestId);
/** The request's first log line, once it exists. */
async function firstLine(requestId: unknown, timeoutMs: number, what: string): Promise<LogEntry> {
  return (await waitFor(() => linesOf(requestId)[0], timeoutMs, what))!;
}
const recordsOf = (functionId: string): InvocationRecord[] => records.filter((r) => r.functionId === functionId);

describe("waitUntil", () => {
  it("answers before the waitUntil work runs, and records its console line under the same request id", async () => {
    const before = recordsOf("w-waits").length;
    const r = await request(port, HOST, "/later?tag=A");
    const answeredAt = Date.now();
    expect(r.status).toBe(200);
    expect(r.body).toBe("answered A");
    const id = r.headers["x-request-id"];
    // The invocation is not over yet: neither its record nor the line exists.
    expect(linesOf(id)).toEqual([]);
    expect(recordsOf("w-waits").length).toBe(before);
    const line = await firstLine(id, 5000, "the waitUntil line");
    expect(line).toMatchObject({ level: "log", message: "later A", status: 200 });
    // Logged by the isolate after the client had its answer.
    expect(Date.parse(line.at)).toBeGreaterThanOrEqual(answeredAt - 5);
    await waitFor(() => recordsOf("w-waits").length === before + 1, 5000, "the invocation record");
    expect(recordsOf("w-waits").at(-1)).toMatchObject({ status: 200, limit: null });
  });

  it("keeps the isolate for that request: a request meanwhile gets another isolate and its own lines", async () => {
    const a = await request(port, HOST, "/later?tag=first");
    const b = await request(port, HOST, "/?tag=second");
    expect(b.body).toBe("answered second");
    const idA = a.headers["x-request-id"];
    const idB = b.headers["x-request-id"];
    // B was served while A's isolate was still held by A's waitUntil work.
    const route = engine.route("waits", "w");
    const pool = route && "pool" in route ? route.pool : null;
    expect(linesOf(idA)).toEqual([]);
    expect(pool?.inFlight).toBeGreaterThanOrEqual(1);
    expect(linesOf(idB).map((l) => l.message)).toEqual(["now second"]);
    await waitFor(() => linesOf(idA).length > 0, 5000, "the first request's waitUntil line");
    expect(linesOf(idA).map((l) => l.message)).toEqual(["later first"]);
    expect(linesOf(idB).map((l) => l.message)).toEqual(["now second"]);
    expect(pool?.instanceCount).toBeGreaterThanOrEqual(2);
  });

  it("stops waitUntil work that never settles at the wall clock, records the limit, and replaces the isolate", async () => {
    const before = recordsOf("w-waits").filter((r) => r.limit === "wall").length;
    const started = Date.now();
    const r = await request(port, HOST, "/forever?tag=F");
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(WALL_MS);
    const id = r.headers["x-request-id"];
    const line = await firstLine(id, WALL_MS + 5000, "the limit event");
    expect(line).toMatchObject({ level: "error", details: { kind: "limit", limit: "wall" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WALL_MS);
    await waitFor(() => recordsOf("w-waits").filter((x) => x.limit === "wall").length === before + 1, 5000, "the wall limit record");
    expect((await request(port, HOST, "/?tag=after")).body).toBe("answered after");
  });

  it("counts waitUntil CPU toward the request's CPU limit", async () => {
    const r = await request(port, HOST, "/burn");
    expect(r.status).toBe(200);
    const id = r.headers["x-request-id"];
    const line = await firstLine(id, 5000, "the CPU limit event");
    expect(line).toMatchObject({ level: "error", details: { kind: "limit", limit: "cpu" } });
    await waitFor(() => recordsOf("w-waits").some((x) => x.limit === "cpu"), 5000, "the CPU limit record");
    expect(recordsOf("w-waits").find((x) => x.limit === "cpu")!.cpuUs).toBeGreaterThanOrEqual(CPU_MS * 1000);
  });

  it("logs a rejected waitUntil promise as an error of the request, with the user's stack", async () => {
    const r = await request(port, HOST, "/reject?tag=R");
    expect(r.status).toBe(200);
    const id = r.headers["x-request-id"];
    const line = await firstLine(id, 5000, "the rejection");
    expect(line).toMatchObject({ level: "error", message: "Uncaught (in waitUntil) Error: boom in waitUntil R", details: { kind: "waitUntil" } });
    expect(String((line.details as { stack: string }).stack)).toContain("waituntil.js");
  });

  it("works the same for event.waitUntil in the service-worker shape", async () => {
    const r = await request(port, `sw.w.${BASE}`, "/?tag=S");
    const answeredAt = Date.now();
    expect(r.body).toBe("answered S");
    const id = r.headers["x-request-id"];
    expect(linesOf(id)).toEqual([]);
    await waitFor(() => linesOf(id).length === 2, 5000, "the service worker's waitUntil lines");
    const [later, rejected] = linesOf(id);
    expect(later).toMatchObject({ level: "log", message: "later S" });
    expect(Date.parse(later!.at)).toBeGreaterThanOrEqual(answeredAt - 5);
    expect(rejected).toMatchObject({ level: "error", message: "Uncaught (in waitUntil) TypeError: sw rejected S" });
  });
});
