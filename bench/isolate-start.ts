/**
 * Isolate start with the prelude (from the snapshot vs compiled and run, compile cache warm) and
 * the in-isolate cost of constructing a Request and a Response. Used by `npm run bench:runtime`;
 * runs alone with `node bench/isolate-start.ts`.
 */
import ivm from "isolated-vm";
import { FunctionInstance } from "../runtime/src/isolates/instance.ts";
import type { FunctionState } from "../runtime/src/protocol/index.ts";
import { newPreludeIsolate, preludeContext, preludeSnapshot, snapshotError } from "../runtime/src/isolates/prelude.ts";
import { percentile } from "./stats.ts";

const RUNS = 60;

interface Times {
  wall: number[];
  cpu: number[];
}

/** One start: wall and process CPU time (this process is otherwise idle, so CPU is the cost itself). */
async function timeOne(start: () => Promise<ivm.Isolate>, into: Times): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const isolate = await start();
  into.wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  into.cpu.push((c.user + c.system) / 1000);
  isolate.dispose();
}

async function withPrelude(useSnapshot: boolean): Promise<ivm.Isolate> {
  const { isolate, fromSnapshot } = newPreludeIsolate(128, useSnapshot);
  await preludeContext(isolate, fromSnapshot);
  return isolate;
}

async function empty(): Promise<ivm.Isolate> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  await isolate.createContext();
  return isolate;
}

/**
 * The three kinds of start, interleaved so that a shared machine's changing load hits them alike
 * (wall time there mostly measures waiting for a core). The first rounds warm the snapshot and
 * compile cache and are not counted.
 */
async function startTimes(): Promise<{ snapshot: Times; compiled: Times; empty: Times }> {
  const out = { snapshot: { wall: [], cpu: [] } as Times, compiled: { wall: [], cpu: [] } as Times, empty: { wall: [], cpu: [] } as Times };
  const scratch: Times = { wall: [], cpu: [] };
  for (let i = 0; i < RUNS + 5; i++) {
    const warm = i < 5;
    await timeOne(() => withPrelude(true), warm ? scratch : out.snapshot);
    await timeOne(() => withPrelude(false), warm ? scratch : out.compiled);
    await timeOne(empty, warm ? scratch : out.empty);
  }
  return out;
}

const describeTimes = (t: Times): string =>
  `wall p50 ${percentile(t.wall, 0.5).toFixed(2)} ms (p10 ${percentile(t.wall, 0.1).toFixed(2)}, p90 ${percentile(t.wall, 0.9).toFixed(2)}), CPU p50 ${percentile(t.cpu, 0.5).toFixed(2)} ms`;

const MEASURE = (body: string): string => `(() => { const N = 20000; const h = [["accept", "*/*"], ["user-agent", "bench"], ["x-forwarded-for", "1.2.3.4"]];
  for (let i = 0; i < 2000; i++) { ${body} }
  const t0 = Date.now(); for (let i = 0; i < N; i++) { ${body} } return (Date.now() - t0) * 1000 / N; })()`;

/** A tenant module that measures, inside its own isolate, µs per constructed Request / Response. */
const MODULE = `export default { fetch() { return Response.json({
  request: ${MEASURE(`const r = new Request("https://hello.bench.edge.localhost/path?q=" + i, { method: "GET", headers: h }); if (!r.headers.get("accept")) throw 0;`)},
  requestSameUrl: ${MEASURE(`const r = new Request("https://hello.bench.edge.localhost/path", { method: "GET", headers: h }); if (!r.headers.get("accept")) throw 0;`)},
  response: ${MEASURE(`const s = new Response("hello world", { status: 200, headers: { "x-a": "1" } }); if (s.status !== 200) throw 0;`)},
  both: ${MEASURE(`const r = new Request("https://hello.bench.edge.localhost/" + i, { headers: h }); const s = new Response("hello " + r.method, { headers: { "content-type": "text/plain" } }); if (!s.ok) throw 0;`)},
}); } };`;

function state(code: string): FunctionState {
  return { functionId: "bench", tenantId: "bench", name: "bench", version: 1, code, sourceMap: "", vars: {}, secrets: {} };
}
const OPTIONS = { memoryMb: 128, startupMs: 5000, egress: { allowPrivate: false }, env: {} };

/** Runs MODULE in a real FunctionInstance (prelude + bridges) and returns its measurements. */
interface Cost {
  request: number;
  requestSameUrl: number;
  response: number;
  both: number;
}
async function constructCost(): Promise<Cost> {
  const inst = await FunctionInstance.create(state(MODULE), { ...OPTIONS, cache: {} });
  try {
    const r = await inst.dispatch("GET", "https://hello.bench.edge.localhost/", "", -1, null);
    if (!r.ok || typeof r.body !== "string") throw new Error(`measurement failed: ${JSON.stringify(r)}`);
    return JSON.parse(r.body) as Cost;
  } finally {
    inst.dispose();
  }
}

/** A whole function start: isolate from the snapshot, bridges attached, hello-world module evaluated. */
async function functionStart(): Promise<number[]> {
  const cache = {};
  const times: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const t0 = performance.now();
    const inst = await FunctionInstance.create(state(`export default { fetch() { return new Response("hello world"); } };`), { ...OPTIONS, cache });
    const ms = performance.now() - t0;
    inst.dispose();
    if (i >= 5) times.push(ms);
  }
  return times;
}

/** Rows for the runtime bench's list of extra measurements. */
export async function isolateStartRows(): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const snap = preludeSnapshot();
  const t = await startTimes();
  if (snap) rows.push(["isolate + context with the prelude, from the snapshot", `${describeTimes(t.snapshot)} (snapshot ${(snap.copy().byteLength / 1024).toFixed(0)} KB)`]);
  else rows.push(["isolate + context with the prelude, from the snapshot", `unavailable (${snapshotError()}); compiled instead: ${describeTimes(t.snapshot)}`]);
  rows.push(["isolate + context with the prelude, compiled and run (compile cache warm, no snapshot)", describeTimes(t.compiled)]);
  rows.push(["empty isolate + context (reference)", describeTimes(t.empty)]);
  const f = await functionStart();
  rows.push(["function start (snapshot isolate + bridges + hello-world module, compile cache warm)", `p50 ${percentile(f, 0.5).toFixed(2)} ms, p90 ${percentile(f, 0.9).toFixed(2)} ms`]);
  const c = await constructCost();
  FunctionInstance.disposeSpares();
  rows.push(["in-isolate construction per request", `new Request (3 headers, a different URL each time) ${c.request.toFixed(1)} µs, same URL (parse cached) ${c.requestSameUrl.toFixed(1)} µs; new Response (text + 1 header) ${c.response.toFixed(1)} µs; Request + Response ${c.both.toFixed(1)} µs`]);
  return rows;
}

if (process.argv[1] === import.meta.filename) {
  for (const [k, v] of await isolateStartRows()) console.log(`- ${k}: ${v}`);
}
