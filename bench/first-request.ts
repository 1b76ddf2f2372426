/**
 * Developer tool, not part of `npm run bench`: the first request into a fresh instance against a
 * warm one after the same idle, in-process (no HTTP, no cluster), timing the whole inline dispatch.
 * For each of 40 versions: create the instance, wait IDLE ms, time one request on the previous
 * (warm) instance, wait IDLE ms again, then time the new instance's first and second requests
 * and 30 back to back. Prints the medians (the first 3 versions are left out). The previous
 * instance is disposed after the new one's second request, as the runtime's reaper does it after
 * the first answer: a disposal before the idle slows the next entry into any isolate and put
 * ~50 µs on the first request that the runtime no longer pays (2026-11-27: first minus warm
 * 53-88 µs disposing before, 4-41 µs after). The cluster measure of the same target is
 * bench:runtime's "first request after deploy".
 * Usage: [IDLE=60] [CODE='export default {...}'] node bench/first-request.ts
 */
import { FunctionInstance } from "../runtime/src/isolates/instance.ts";
import type { FunctionState } from "../runtime/src/protocol/index.ts";
import { median } from "./stats.ts";

const IDLE = Number(process.env.IDLE ?? 60);
const headers = ["host", "hello.bench.edge.localhost", "user-agent", "autocannon", "accept", "*/*"].join("\n");
const opts = { memoryMb: 128, startupMs: 5000, egress: { allowPrivate: false }, env: {}, cache: {} };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function time(inst: FunctionInstance): Promise<number> {
  const t0 = performance.now();
  const r = await inst.dispatch("GET", "http://hello.bench.edge.localhost/", headers, -1, 200);
  const us = (performance.now() - t0) * 1000;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return us;
}

const firsts: number[] = [];
const seconds: number[] = [];
const warm: number[] = [];
const backToBack: number[] = [];
let prev: FunctionInstance | null = null;
for (let v = 0; v < 40; v++) {
  const code = process.env.CODE ?? `export default { async fetch() { return new Response("hello v${v}"); } };`;
  const fn: FunctionState = { functionId: "bench", tenantId: "bench", name: "bench", version: v, code, sourceMap: "", vars: {}, secrets: {} };
  const inst = await FunctionInstance.create(fn, opts);
  await sleep(IDLE);
  if (prev) {
    const t = await time(prev);
    if (v >= 3) warm.push(t);
  }
  await sleep(IDLE);
  const first = await time(inst);
  const second = await time(inst);
  prev?.dispose();
  if (v >= 3) {
    firsts.push(first);
    seconds.push(second);
  }
  for (let k = 0; k < 30; k++) {
    const t = await time(inst);
    if (k >= 20) backToBack.push(t);
  }
  prev = inst;
}
console.log(`first ${median(firsts).toFixed(0)} µs, second ${median(seconds).toFixed(0)} µs | warm after the same ${IDLE} ms idle ${median(warm).toFixed(0)} µs | back to back ${median(backToBack).toFixed(0)} µs (medians of 37)`);
prev?.dispose();
FunctionInstance.disposeSpares();
