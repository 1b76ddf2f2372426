/**
 * Developer tool: the host-thread cost of one inline request crossing (FunctionInstance.dispatch
 * of a hello world, outcome included), without HTTP. Prints µs per request (wall and process
 * CPU). (isolate.startCpuProfiler hangs this loop in round 2 with isolated-vm 7.0.1.)
 * Usage: node --no-node-snapshot bench/dispatch-loop.ts [requests]
 */
import { FunctionInstance } from "../runtime/src/isolates/instance.ts";
import type { FunctionState } from "../runtime/src/protocol/index.ts";

const N = Number(process.argv[2] ?? 50_000);
const code = process.env.CODE ?? `export default { async fetch() { return new Response("hello world"); } };`;
const fn: FunctionState = { functionId: "bench", tenantId: "bench", name: "bench", version: 1, code, sourceMap: "", vars: {}, secrets: {} };
const inst = await FunctionInstance.create(fn, { memoryMb: 128, startupMs: 5000, egress: { allowPrivate: false }, env: {}, cache: {} });
const headers = ["host", "hello.bench.edge.localhost", "user-agent", "autocannon", "accept", "*/*"].join("\n");
const one = async (i: number): Promise<void> => {
  const r = await inst.dispatch("GET", `http://hello.bench.edge.localhost/${i & 7}`, headers, -1, 200);
  if (!r.ok || r.status !== 200) throw new Error(JSON.stringify(r));
};
for (let i = 0; i < 5000; i++) await one(i);
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await one(i);
  const wall = ((performance.now() - t0) * 1000) / N;
  const c = process.cpuUsage(c0);
  console.log(`round ${round}: ${wall.toFixed(2)} µs wall, ${((c.user + c.system) / N).toFixed(2)} µs CPU per request`);
}
inst.dispose();
FunctionInstance.disposeSpares();
