/**
 * Developer tool: exact accounting of the runtime alone at load, with kills: a real runtime node
 * (`node runtime/src/main.ts`, one worker) syncing from the stand-in console, driven by the
 * lean load generator; one worker SIGKILLed at 1/3, the primary at 2/3 (then started again).
 * With BENCH_OUTAGE=1 the console also refuses metrics and logs from 1/6 until 5/6, so the
 * outbox buffers (and folds collections into its newest bundle) across both kills and delivers
 * afterwards. At the end the rollups the stand-in console received must add up to the responses
 * counted. BENCH_RATE (5000), BENCH_SECONDS (15), BENCH_CONNECTIONS (64).
 * Usage: node bench/accounting-runtime.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { DEFAULT_LIMITS } from "../runtime/src/protocol/index.ts";
import { RuntimeProcess, startLoad } from "../runtime/test/accounting.ts";
import { StandInConsole } from "../runtime/test/stand-in-console.ts";

const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

const stand = new StandInConsole({ holdMs: 20_000 });
await stand.start();
const out = await build({ stdin: { contents: `export default { async fetch() { return new Response("hello world"); } };` }, bundle: true, format: "esm", sourcemap: "external", outfile: "out.js", write: false, logLevel: "silent" });
stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "acct", status: "active", limits: DEFAULT_LIMITS } });
const revision = stand.push({ kind: "function.deployed", function: { functionId: "f1", tenantId: "t1", name: "hello", version: 1, code: out.outputFiles.find((f) => f.path.endsWith(".js"))!.text, sourceMap: out.outputFiles.find((f) => f.path.endsWith(".map"))!.text, vars: {}, secrets: {} } });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-acct-"));
const node = new RuntimeProcess({ consoleUrl: stand.url, token: stand.token, dataDir, workers: 1, flushMs: 1000 });
await node.start();
await node.ready(revision);
const OUTAGE = process.env.BENCH_OUTAGE === "1";
const load = startLoad({ port: () => node.port, host: "hello.acct.edge.localhost", rate: RATE, connections: CONNECTIONS });
const sixth = (): Promise<void> => new Promise((r) => setTimeout(r, (SECONDS * 1000) / 6));
await sixth();
if (OUTAGE) stand.failIngest = true;
await sixth();
await node.killWorker();
await sixth();
await sixth();
await node.killPrimary();
await node.start();
await sixth();
const pendingAtEnd = OUTAGE ? ((await node.status())?.outboxPending ?? -1) : 0;
stand.failIngest = false;
await sixth();
const counts = await load.stop();
const total = (): number => stand.metrics.flatMap((b) => b.rollups).reduce((a, r) => a + r.requests, 0);
const deadline = Date.now() + 20_000;
while (Date.now() < deadline && total() < counts.responses) await new Promise((r) => setTimeout(r, 200));
await new Promise((r) => setTimeout(r, 2000));
const rolled = stand.metrics.flatMap((b) => b.rollups);
const byClass = { "2xx": rolled.reduce((a, r) => a + r.status2xx, 0), "5xx": rolled.reduce((a, r) => a + r.status5xx, 0) };
console.log(JSON.stringify({ rate: RATE, seconds: SECONDS, ...(OUTAGE ? { outboxPendingBeforeTheConsoleCameBack: pendingAtEnd } : {}), responses: counts.responses, byClass: counts.byClass, failures: counts.failures, recorded: total(), recordedByClass: byClass, exact: total() === counts.responses }));
await node.stop();
await stand.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(total() === counts.responses ? 0 : 1);
