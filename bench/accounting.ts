/**
 * `npm run bench:accounting`: exact accounting at load, through the full console (`node
 * scripts/start.ts` on free loopback ports, a fresh data directory) and a second runtime node
 * started here so that it can be SIGKILLed: one worker at 1/3 of the run, the primary at 2/3
 * (then started again on the same ports and data directory). At the end the function's chart
 * totals (GET …/metrics?range=1h) must equal the load generator's count of responses, by status
 * class. BENCH_RATE (default 5000 req/s), BENCH_SECONDS (60), BENCH_CONNECTIONS (64),
 * BENCH_KILLS=0 for a run without kills.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuntimeProcess, startLoad } from "../runtime/test/accounting.ts";
import { startConsole } from "./console-server.ts";

const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const KILLS = process.env.BENCH_KILLS !== "0";

const token = crypto.randomBytes(32).toString("base64url");
const nodeDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-bench-accounting-node-"));
const { api, headers, stop } = await startConsole("accounting", { RUNTIME_TOKEN: token });
const node = new RuntimeProcess({ consoleUrl: api, token, dataDir: nodeDir, flushMs: 1000 });
process.on("exit", () => {
  try {
    if (node.pid) process.kill(node.pid, "SIGKILL");
  } catch {
    // Already stopped.
  }
  fs.rmSync(nodeDir, { recursive: true, force: true });
});

async function until<T>(what: string, ms: number, cond: () => Promise<T | null | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Free plan quotas would answer 429 (refused by the platform, not an invocation) within seconds.
const planned = await fetch(`${api}/api/v1/admin/tenants/demo`, { method: "PATCH", headers, body: JSON.stringify({ plan: "enterprise", limits: { includedRequests: 1e12, includedCpuMs: 1e12 } }) });
if (!planned.ok) throw new Error(`plan change failed: ${planned.status} ${await planned.text()}`);
await node.start();
await fetch(`${api}/api/v1/tenants/demo/functions`, { method: "POST", headers, body: JSON.stringify({ name: "counted" }) });
const deployed = await fetch(`${api}/api/v1/tenants/demo/functions/counted/deployments`, { method: "POST", headers, body: JSON.stringify({ code: `export default { fetch() { return new Response("ok") } }` }) });
if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${await deployed.text()}`);
const host = "counted.demo.edge.localhost";
const probe = startLoad({ port: () => node.port, host, rate: 50, connections: 1 });
await until("function served by the benchmark node", 60_000, async () => probe.counts.byClass["2xx"] > 0);
const warm = await probe.stop();

type Totals = { requests: number; "2xx": number; "3xx": number; "4xx": number; "5xx": number };
async function chart(): Promise<Totals> {
  const body = (await (await fetch(`${api}/api/v1/tenants/demo/functions/counted/metrics?range=1h`, { headers })).json()) as {
    totals: { requests: number };
    series: Record<"status2xx" | "status3xx" | "status4xx" | "status5xx", number>[];
  };
  const sum = (k: "status2xx" | "status3xx" | "status4xx" | "status5xx") => body.series.reduce((a, p) => a + p[k], 0);
  return { requests: body.totals.requests, "2xx": sum("status2xx"), "3xx": sum("status3xx"), "4xx": sum("status4xx"), "5xx": sum("status5xx") };
}

console.log(`\nLoad: ${RATE} req/s target for ${SECONDS} s over ${CONNECTIONS} keep-alive connections${KILLS ? "; SIGKILL a worker at 1/3, the primary at 2/3 (then restart)" : ""}`);
const load = startLoad({ port: () => node.port, host, rate: RATE, connections: CONNECTIONS });
const events: string[] = [];
const at = (f: number) => new Promise((r) => setTimeout(r, Math.max(0, SECONDS * 1000 * f - load.elapsedMs())));
if (KILLS) {
  await at(1 / 3);
  events.push(`worker ${await node.killWorker()} SIGKILLed at ${(load.elapsedMs() / 1000).toFixed(1)} s`);
  await at(2 / 3);
  await node.killPrimary();
  const down = load.elapsedMs();
  const before = load.counts.responses;
  await node.start();
  await until("restarted node answers", 60_000, async () => load.counts.responses > before);
  events.push(`primary SIGKILLed at ${(down / 1000).toFixed(1)} s, answering again after ${((load.elapsedMs() - down) / 1000).toFixed(1)} s`);
}
await at(1);
const elapsed = load.elapsedMs();
const counts = await load.stop();
const expected: Totals = {
  requests: counts.responses + warm.responses,
  "2xx": counts.byClass["2xx"] + warm.byClass["2xx"],
  "3xx": counts.byClass["3xx"] + warm.byClass["3xx"],
  "4xx": counts.byClass["4xx"] + warm.byClass["4xx"],
  "5xx": counts.byClass["5xx"] + warm.byClass["5xx"],
};
const t0 = performance.now();
await until("chart totals reach the responses", 120_000, async () => (await chart()).requests >= expected.requests && (await node.status())?.outboxPending === 0).catch(async (e: Error) => {
  throw new Error(`${e.message}: load generator ${JSON.stringify(expected)}, chart ${JSON.stringify(await chart().catch(() => null))}, node ${JSON.stringify(await node.status())}`);
});
const caughtUp = performance.now() - t0;
// Two more flushes: a late duplicate would show up now.
await new Promise((r) => setTimeout(r, 2500));
const got = await chart();

for (const e of events) console.log(`- ${e}`);
console.log(`\n| measurement | value |\n|---|---:|`);
console.log(`| target rate (req/s) | ${RATE} |`);
console.log(`| achieved rate (responses/s) | ${Math.round(counts.responses / (elapsed / 1000))} |`);
console.log(`| failed connections (kills, restart) | ${counts.failures} |`);
console.log(`| chart complete after the load stopped (ms) | ${Math.round(caughtUp)} |`);
for (const k of Object.keys(expected) as (keyof Totals)[]) console.log(`| ${k}: load generator / chart | ${expected[k]} / ${got[k]} |`);
const exact = (Object.keys(expected) as (keyof Totals)[]).every((k) => expected[k] === got[k]);
console.log(`\naccounting exact (chart totals = responses, nothing lost, nothing counted twice) → ${exact ? "yes" : "NO"}`);
console.log(`target rate ${RATE} req/s → ${counts.responses / (elapsed / 1000) >= RATE * 0.95 ? "met" : "NOT met on this machine"}`);
// The node stops before its data directory is removed (on exit), the console last.
await node.stop();
await stop();
process.exit(exact ? 0 : 1);
