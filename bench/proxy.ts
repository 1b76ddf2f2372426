/**
 * Developer tool, not part of `npm run bench`: a proxy function's 100 MB answer sent on by the host
 * (`return fetch(url)`, the body untouched) against the same bytes piped through the isolate
 * (`upstream.body.pipeThrough(new TransformStream())`), alternating, on an in-process engine with
 * a loopback upstream. The tenant's CPU limit is raised to 30 s so that the piped rows finish: at
 * the default 50 ms they are stopped after a few MB, which is what the pass-through removes.
 * Prints time, throughput, the isolate's CPU (from the function's rollup) and this process's
 * CPU (upstream, runtime and client together), medians of ROUNDS (5).
 * Usage: [ROUNDS=5] node bench/proxy.ts
 */
import http from "node:http";
import { Watchdog } from "../runtime/src/isolates/watchdog.ts";
import { Meter } from "../runtime/src/metering/meter.ts";
import { applyChanges, emptyState } from "../runtime/src/routing/state.ts";
import { Engine } from "../runtime/src/server/engine.ts";
import { PublicServer } from "../runtime/src/server/public.ts";
import { byteUpstream, fn, tenant } from "../runtime/test/helpers.ts";
import { median } from "./stats.ts";

const MB = 1024 * 1024;
const SIZE = 100 * MB;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const upstream = await byteUpstream();
const watchdog = new Watchdog();
const engine = new Engine({ maxInstances: 2, egress: { allowPrivate: false, allowAddress: (a) => a === "127.0.0.1" } });
const meter = new Meter();
const server = new PublicServer(engine, { meter, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: "edge.localhost" });
await engine.reconcile(
  applyChanges(emptyState(), [
    { revision: 1, kind: "tenant.upserted", tenant: tenant("t1", "acme", { cpuMs: 30_000 }) },
    { revision: 2, kind: "function.deployed", function: await fn("t1", "proxy", "proxy.js", { vars: { UPSTREAM: `http://127.0.0.1:${upstream.port}/` } }) },
  ]),
);
const port = await server.start();

type Sample = { ms: number; isolateMs: number; processMs: number };
async function once(path: string): Promise<Sample> {
  meter.drain();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers: { host: "proxy.acme.edge.localhost" }, agent: false }, (res) => {
        let n = 0;
        res.on("data", (c: Buffer) => (n += c.length));
        res.on("end", () => resolve(n));
      })
      .on("error", reject);
  });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (bytes !== SIZE) throw new Error(`${path}: ${bytes} bytes of ${SIZE}`);
  const roll = meter.drain().rollups.find((r) => r.functionId === "t1-proxy")!;
  return { ms, isolateMs: roll.cpuUs / 1000, processMs: (c.user + c.system) / 1000 };
}

const rows: Record<string, Sample[]> = { "/as-is": [], "/transform": [] };
await once("/as-is"); // warm-up
await once("/transform");
for (let i = 0; i < ROUNDS; i++) for (const path of i % 2 ? ["/transform", "/as-is"] : ["/as-is", "/transform"]) rows[path]!.push(await once(path));
const names: Record<string, string> = { "/as-is": "sent on by the host (return fetch(url))", "/transform": "through the isolate (pipeThrough a TransformStream)" };
console.log(`\n100 MB proxied from a loopback upstream, medians of ${ROUNDS}\n`);
console.log("| body | time ms | MB/s | isolate CPU ms | process CPU ms |");
console.log("|---|---:|---:|---:|---:|");
for (const [path, xs] of Object.entries(rows)) {
  const ms = median(xs.map((x) => x.ms));
  console.log(`| ${names[path]} | ${ms.toFixed(0)} | ${(SIZE / MB / (ms / 1000)).toFixed(0)} | ${median(xs.map((x) => x.isolateMs)).toFixed(1)} | ${median(xs.map((x) => x.processMs)).toFixed(0)} |`);
}
await server.stop();
watchdog.stop();
engine.stop();
upstream.server.close();
process.exit(0);
