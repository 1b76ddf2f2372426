/**
 * `npm run bench:runtime`: hello-world throughput and latency at 50 connections (autocannon)
 * against (a) a bare Node http server, (b) workerd with the same Worker code, (c) our runtime fed
 * by an in-process stand-in console; plus first request after deploy and after eviction vs warm,
 * a noisy neighbour (tenant A alone and while tenant B floods its CPU and memory limits, in turns) and
 * RSS with 1,000 live functions. Everything listens on loopback; ratios are against baselines
 * measured in this run. The load generator runs in its own process (bench/load.ts) and reports
 * the CPU it used, since on a 2-core machine it competes with the server it measures. The
 * throughput targets all run at once and, after an untimed warm-up of BENCH_WARMUP_SECONDS each,
 * take turns, BENCH_ROUNDS times (default 7); each row is the median of its rounds, and the
 * rounds' ratios to workerd are printed too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { Watchdog } from "../runtime/src/isolates/watchdog.ts";
import { DEFAULT_LIMITS, type FunctionState } from "../runtime/src/protocol/index.ts";
import { applyChanges, emptyState } from "../runtime/src/routing/state.ts";
import { routeLookupBench, routeRebuildBench } from "../runtime/src/routing/bench.ts";
import { Engine } from "../runtime/src/server/engine.ts";
import { housekeep } from "../runtime/src/server/housekeeping.ts";
import { PublicServer } from "../runtime/src/server/public.ts";
import { StandInConsole } from "../runtime/test/stand-in-console.ts";
import { isolateStartRows } from "./isolate-start.ts";
import { median, medianInterval, percentile } from "./stats.ts";
import { timedGet } from "./timed-get.ts";
import { freePort } from "../runtime/test/free-port.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
/** Turns each throughput target takes (see main). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/**
 * Untimed load each throughput target serves before the rounds. Without it the first rounds
 * caught the runtime before it settled (JIT, heaps, the scheduler's placement of two workers and
 * the load generator on two cores): in a tmp harness (2026-11-27 16:40 UTC), alternating 6 s
 * rounds against workerd went 1.10x, 1.33x, 1.61x, 1.55x, 1.52x and 1.08x, 1.40x, 1.62x, 1.68x,
 * and one 40 s load on two workers went from ~10k req/s in its first 2 s to 15-20k after 20 s
 * in two runs of three. workerd was steady from its first round.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/** Rounds of "first request after deploy" (each: no deploy, deploy, deploy racing a poller); the
 * medians of 25 moved by ±0.2 ms between runs on this shared machine; with 60, the paired
 * median's bootstrap 95 % interval was 0.17 and 0.28 ms wide (2026-11-27). */
const DEPLOYS = 60;
/** Idle time before the measured request in those rounds (see singleWorkerExtras). */
const IDLE_MS = 150;
/** Eviction rounds, and the idle before both the evicted request and its warm control. */
const EVICTIONS = 30;
const EVICTION_IDLE_MS = 200;
/** Rounds of tenant A alone and of tenant A beside the noisy tenant B, taken in turns. */
const NOISY_ROUNDS = 3;
const WORKER_SOURCE = `export default { async fetch() { return new Response("hello world"); } };\n`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bench-"));
const children: ChildProcess[] = [];

/** GET with an explicit Host header (fetch() does not let us set one). */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: host ? { host } : {}, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} (${host ?? ""}) timed out`)));
  });
}

/** Resident set size of a process in KB (Linux). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

async function waitHttpStatus(url: string, host: string, status: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await get(url, host).catch(() => ({ status: 0 }))).status === status) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${host} never answered ${status}`);
}

async function waitHttp(url: string, host?: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await get(url, host).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up`);
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  statuses: Record<string, number>;
  cpuCores: number;
}

interface Row extends Load {
  name: string;
}

/** Runs bench/load.ts (autocannon) in a process of its own and returns what it measured. */
function load(url: string, opts: { host?: string; connections?: number; duration?: number } = {}): Promise<Load> {
  const args = JSON.stringify({ url, host: opts.host, connections: opts.connections ?? CONNECTIONS, duration: opts.duration ?? DURATION });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bench/load.ts"), args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** Times requests from its own process (bench/timed-client.ts); one at a time, in order. */
class TimedClient {
  readonly #child = spawn(process.execPath, [path.join(import.meta.dirname, "timed-client.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  readonly #waiting: ((line: string) => void)[] = [];
  #buffer = "";

  constructor() {
    this.#child.stdout.setEncoding("utf8");
    this.#child.stdout.on("data", (chunk: string) => {
      this.#buffer += chunk;
      for (let i = this.#buffer.indexOf("\n"); i >= 0; i = this.#buffer.indexOf("\n")) {
        const line = this.#buffer.slice(0, i);
        this.#buffer = this.#buffer.slice(i + 1);
        this.#waiting.shift()?.(line);
      }
    });
  }

  get(port: number, host: string, last: { body: string } = { body: "" }): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((line) => {
        const r = JSON.parse(line) as { ms: number; body: string };
        if (r.ms < 0) return reject(new Error(r.body));
        last.body = r.body;
        resolve(r.ms);
      });
      this.#child.stdin.write(`${JSON.stringify({ port, host })}\n`);
    });
  }

  close(): void {
    this.#child.stdin.end();
  }
}


async function compile(source: string): Promise<{ code: string; sourceMap: string }> {
  const file = path.join(tmp, `w${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(file, source);
  const out = await build({ entryPoints: [file], bundle: true, format: "esm", target: "es2022", sourcemap: "external", outfile: "out.js", write: false, logLevel: "silent" });
  return { code: out.outputFiles.find((f) => f.path.endsWith(".js"))!.text, sourceMap: out.outputFiles.find((f) => f.path.endsWith(".map"))!.text };
}

/** The median of the rounds' measurements of one target (rps, latency and CPU each on their own). */
function medianRow(name: string, runs: Load[]): Row {
  const errors = runs.reduce((n, r) => n + r.errors, 0);
  const non2xx = runs.reduce((n, r) => n + r.non2xx, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  const total = runs.reduce((n, r) => n + r.total, 0);
  return { name, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors, non2xx, total, statuses, cpuCores: median(runs.map((r) => r.cpuCores)) };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const extra: [string, string][] = [];
  const targets: { name: string; kind: "bare" | "workerd" | "runtime"; url: string; host?: string }[] = [];

  // (a) bare Node
  const nodePort = await freePort();
  start(process.execPath, ["-e", `require("http").createServer((q, s) => s.end("hello world")).listen(${nodePort}, "127.0.0.1")`]);
  await waitHttp(`http://127.0.0.1:${nodePort}/`);
  targets.push({ name: "bare node:http (1 process)", kind: "bare", url: `http://127.0.0.1:${nodePort}/` });

  // (b) workerd
  const wdPort = await freePort();
  fs.writeFileSync(path.join(tmp, "worker.js"), WORKER_SOURCE);
  fs.writeFileSync(
    path.join(tmp, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w) ],
  sockets = [ (name = "http", address = "127.0.0.1:${wdPort}", http = (), service = "main") ],
);
const w :Workerd.Worker = ( modules = [ (name = "worker", esModule = embed "worker.js") ], compatibilityDate = "2024-01-01" );
`,
  );
  const wdChild = start(path.join(ROOT, "node_modules/.bin/workerd"), ["serve", path.join(tmp, "config.capnp")]);
  await waitHttp(`http://127.0.0.1:${wdPort}/`);
  targets.push({ name: "workerd (same Worker)", kind: "workerd", url: `http://127.0.0.1:${wdPort}/` });

  // (c) our runtime, with one worker and with the default (one per core, plus the standby), fed by a stand-in console
  const stand = new StandInConsole({ holdMs: 20_000 });
  await stand.start();
  const { code, sourceMap } = await compile(WORKER_SOURCE);
  stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "bench", status: "active", limits: DEFAULT_LIMITS } });
  const hello: FunctionState = { functionId: "f1", tenantId: "t1", name: "hello", version: 1, code, sourceMap, vars: {}, secrets: {} };
  stand.push({ kind: "function.deployed", function: hello });
  const host = "hello.bench.edge.localhost";
  const runtimes: { workers: number; port: number; internalPort: number; child: ChildProcess }[] = [];
  for (const workers of [1, os.availableParallelism()]) {
    const port = await freePort();
    const internalPort = await freePort();
    const child = start(process.execPath, [path.join(ROOT, "runtime/src/main.ts")], {
      RUNTIME_PORT: String(port),
      RUNTIME_INTERNAL_PORT: String(internalPort),
      RUNTIME_HOST: "127.0.0.1",
      RUNTIME_WORKERS: String(workers),
      DATA_DIR: path.join(tmp, `data${workers}`),
      CONSOLE_URL: stand.url,
      RUNTIME_TOKEN: stand.token,
    });
    await waitHttp(`http://127.0.0.1:${port}/`, host, 120_000);
    runtimes.push({ workers, port, internalPort, child });
    targets.push({ name: `edge runtime (${workers} worker${workers > 1 ? "s + standby" : ""})`, kind: "runtime", url: `http://127.0.0.1:${port}/`, host });
  }

  // Throughput: the targets take turns, ROUNDS times, so that what this shared machine gives us
  // drifts over all of them alike; each row is the median of its rounds.
  for (const t of targets) {
    console.error(`bench: warm-up (${WARMUP_SECONDS} s, not counted): ${t.name}...`);
    await load(t.url, { host: t.host, duration: WARMUP_SECONDS });
  }
  // Odd rounds run the targets in reverse order, so that a machine speeding up or slowing down
  // through a round favours no target over the rounds (the order was fixed before stop 24).
  const runs = targets.map(() => [] as Load[]);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...targets.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const t = targets[i]!;
      console.error(`bench: round ${round + 1}/${ROUNDS}: ${t.name}...`);
      runs[i]!.push(await load(t.url, { host: t.host }));
    }
  }
  targets.forEach((t, i) => rows.push(medianRow(t.name, runs[i]!)));
  const of = (kind: (typeof targets)[number]["kind"]): number => targets.findIndex((t) => t.kind === kind);
  const wdRuns = runs[of("workerd")]!;
  extra.push([
    "throughput by round, vs workerd in the same round (and p99 against workerd's)",
    targets
      .flatMap((t, i) => (t.kind === "runtime" ? [`${t.name}: ${runs[i]!.map((r, j) => `${(r.rps / wdRuns[j]!.rps).toFixed(2)}x (p99 ${r.p99.toFixed(2)} vs ${wdRuns[j]!.p99.toFixed(2)} ms)`).join(", ")}`] : []))
      .join("; "),
  ]);
  extra.push(["throughput of the default configuration vs workerd (target >= 1.25x)", pairedThroughput(runs[targets.length - 1]!, wdRuns)]);
  // The rest measures the one-worker runtime alone.
  const others = [children[0]!, wdChild, runtimes[1]!.child];
  for (const c of others) c.kill("SIGTERM");
  await Promise.all(others.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  const one = runtimes[0]!;
  await singleWorkerExtras(stand, hello, one.port, one.internalPort, rows, extra);
  one.child.kill("SIGTERM");
  await new Promise((r) => one.child.once("exit", r));
  await stand.stop();
  extra.push(["first request after eviction (in-process engine, isolate disposed, compile cache kept)", await evictionLatency()]);
  // Isolate start and in-isolate Request/Response cost (alone: node bench/isolate-start.ts).
  extra.push(...(await isolateStartRows()));
  // Custom-domain routing (runtime/src/routing/bench.ts; alone: node runtime/src/routing/bench.ts).
  extra.push(["route lookup per request at 10,000 routes (target ≤ 10 µs)", routeLookupBench().map((l) => `${l.name}: ${l.us.toFixed(2)} µs`).join("; ")]);
  const rebuild = routeRebuildBench();
  extra.push(["route table rebuild after one change at 10,000 routes on 1,000 hosts (each worker, each configuration change)", `from scratch (baseline) ${rebuild.full.toFixed(2)} ms CPU, reusing unchanged domains ${rebuild.incremental.toFixed(2)} ms CPU`]);

  const base = rows[of("bare")]!.rps;
  const workerd = rows[of("workerd")]!;
  console.log(`\nhello world, ${CONNECTIONS} connections, ${DURATION} s each, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}), load average before: ${os.loadavg()[0]!.toFixed(1)}\n`);
  console.log("| target | req/s | p50 ms | p99 ms | errors / non-2xx | vs bare node | vs workerd | load generator CPU |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} / ${r.non2xx}${r.non2xx ? ` (${Object.entries(r.statuses).filter(([k]) => !k.startsWith("2")).map(([k, n]) => `${n}x${k}`).join(" ")})` : ""} | ${(r.rps / base).toFixed(2)}x | ${(r.rps / workerd.rps).toFixed(2)}x | ${r.cpuCores.toFixed(2)} cores |`);
  console.log("");
  for (const [k, v] of extra) console.log(`- ${k}: ${v}`);
}

/**
 * The verdict on throughput: the median of the rounds' ratios, each round's runtime against the
 * workerd of the same round, with a bootstrap interval (as the deploy and eviction verdicts
 * pair their rounds). The ratio of the two rows' medians, in the table, can pair workerd's fast
 * rounds with the runtime's slow ones when the machine's speed moves within the run: stop 22's
 * 21:36 run had rounds of 1.54, 0.92, 1.40, 1.37 and 0.99x, a paired median of 1.37x, and
 * medians giving 1.13x.
 */
function pairedThroughput(ours: Load[], workerd: Load[]): string {
  const ratios = ours.map((r, i) => r.rps / workerd[i]!.rps);
  const mid = median(ratios);
  const [low, high] = medianInterval(ratios);
  const rowsRatio = median(ours.map((r) => r.rps)) / median(workerd.map((r) => r.rps));
  return `paired median ${mid.toFixed(2)}x over ${ratios.length} rounds (95 % interval ${low.toFixed(2)} to ${high.toFixed(2)}x; ${mid >= 1.25 ? "met" : "missed"}); the rows' medians give ${rowsRatio.toFixed(2)}x (${rowsRatio >= 1.25 ? "met" : "missed"}); p99 below workerd's in ${ours.filter((r, i) => r.p99 <= workerd[i]!.p99).length} of ${ours.length} rounds`;
}

/** Deploy, noisy-neighbour and memory measurements against a runtime with one worker. */
async function singleWorkerExtras(stand: StandInConsole, hello: FunctionState, port: number, internalPort: number, rows: Row[], extra: [string, string][]): Promise<void> {
  const host = "hello.bench.edge.localhost";
  const url = `http://127.0.0.1:${port}/`;
  // First request after a deploy. A request after the connection sat idle costs more than one
  // right behind another (caches, timers: ~1 ms vs ~0.5 ms here) whether or not anything was
  // deployed, so the first request after a deploy is compared with a request to the same warm
  // function after the same idle time without one. Each round: (a) no deploy, idle, one request;
  // (b) deploy, wait for the node's heartbeat saying it applied it, the same idle (a spare
  // isolate's refill is done by then; the replaced version is disposed after the new one's first
  // answer), one request; (c) a connection polling while the deploy lands, and the time from the
  // push to the first response from the new version. The requests are timed from a process of
  // their own (TimedClient): this one also serves the change feed in the deploy round only.
  const client = new TimedClient();
  const backToBack: number[] = [];
  const idleNoDeploy: number[] = [];
  const firsts: number[] = [];
  const racing: number[] = [];
  const toLive: number[] = [];
  const last = { body: "" };
  const applied = async (revision: number): Promise<void> => {
    while (!stand.heartbeats.some((h) => h.appliedRevision >= revision)) await new Promise((r) => setTimeout(r, 1));
  };
  for (let i = 0; i < 50; i++) await client.get(port, host);
  let version = 1;
  for (let round = 0; round < DEPLOYS; round++) {
    for (const kind of ["idle", "deploy", "race"] as const) {
      const before: number[] = [];
      for (let i = 0; i < 20; i++) before.push(await client.get(port, host));
      backToBack.push(median(before));
      const body = `hello v${++version}`;
      const code = await compile(WORKER_SOURCE.replace("hello world", body));
      if (kind === "race") {
        const pushedAt = performance.now();
        stand.push({ kind: "function.deployed", function: { ...hello, version, ...code } });
        let first = 0;
        while (last.body !== body) first = await client.get(port, host, last);
        toLive.push(performance.now() - pushedAt);
        racing.push(first);
      } else {
        if (kind === "deploy") await applied(stand.push({ kind: "function.deployed", function: { ...hello, version, ...code } }));
        await new Promise((r) => setTimeout(r, IDLE_MS));
        const t = await client.get(port, host, last);
        if (kind === "deploy" && last.body !== body) throw new Error(`deploy applied but the old version answered: ${last.body}`);
        (kind === "deploy" ? firsts : idleNoDeploy).push(t);
      }
      // Let the deploy's background work pass before the next round's warm requests.
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.close();
  const first = median(firsts);
  const same = median(idleNoDeploy);
  extra.push(["deploy -> first response from the new version (change feed + warm + flip)", `p50 ${median(toLive).toFixed(1)} ms over ${DEPLOYS} deploys (esbuild not included)`]);
  const signed = (ms: number): string => `${ms >= 0 ? "+" : ""}${ms.toFixed(2)}`;
  extra.push([
    "first request after deploy vs warm",
    `p50 ${first.toFixed(2)} ms vs ${same.toFixed(2)} ms for the same function after the same ${IDLE_MS} ms idle without a deploy (${signed(first - same)} ms; ${DEPLOYS} rounds each; back-to-back warm requests ${median(backToBack).toFixed(2)} ms)`,
  ]);
  // The verdict comes from the same rounds paired (each deploy against the no-deploy request of
  // its own round), which the machine's drift over the two minutes moves less than two medians
  // taken apart. Comparing the two medians above instead would fail a runtime with no difference
  // at all about half the time. "No slower" = the interval does not lie wholly above zero.
  const paired = firsts.map((f, i) => f - idleNoDeploy[i]!);
  const [low, high] = medianInterval(paired);
  extra.push([
    "first request after deploy minus the no-deploy request of the same round (target: no slower)",
    `median ${signed(median(paired))} ms, 95 % interval ${signed(low)} to ${signed(high)} ms (bootstrap; ${low > 0 ? "slower than warm: not met" : high < 0 ? "faster than warm: met" : "no difference from warm at this precision: met"}; p25 ${signed(percentile(paired, 0.25))}, p75 ${signed(percentile(paired, 0.75))})`,
  ]);
  extra.push(["first request after deploy, racing the flip (one connection polling while it lands)", `p50 ${median(racing).toFixed(2)} ms vs back-to-back warm ${median(backToBack).toFixed(2)} ms`]);

  // Noisy neighbour: tenant A alone, then while tenant B floods an infinite loop (CPU limit) and
  // unbounded allocation (memory limit) at 5 connections each.
  const loop = await compile("export default { fetch() { for (;;) {} } };");
  const alloc = await compile("export default { fetch() { const a = []; for (;;) a.push(new Array(1e5).fill(a.length)); } };");
  stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t2", slug: "noisy", status: "active", limits: DEFAULT_LIMITS } });
  stand.push({ kind: "function.deployed", function: { ...hello, functionId: "f2", tenantId: "t2", name: "loop", ...loop } });
  stand.push({ kind: "function.deployed", function: { ...hello, functionId: "f3", tenantId: "t2", name: "alloc", ...alloc } });
  await waitHttpStatus(url, "loop.noisy.edge.localhost", 503);
  await waitHttpStatus(url, "alloc.noisy.edge.localhost", 503);
  // Alone and crowded take turns (alone, crowded, crowded, alone, ...), NOISY_ROUNDS times each:
  // one pair measured back to back moved with the machine (stop 24: 1.07x to 1.54x over five
  // runs of the same code, the 1.54x with A alone at its fastest of all five runs).
  const aloneRuns: Load[] = [];
  const crowdedRuns: Load[] = [];
  let blocked = 0;
  let bErrors = 0;
  for (let round = 0; round < NOISY_ROUNDS; round++) {
    for (const crowd of round % 2 === 0 ? [false, true] : [true, false]) {
      if (!crowd) {
        console.error(`bench: noisy neighbour ${round + 1}/${NOISY_ROUNDS}: tenant A alone...`);
        aloneRuns.push(await load(url, { host }));
        continue;
      }
      console.error(`bench: noisy neighbour ${round + 1}/${NOISY_ROUNDS}: tenant A while tenant B floods its CPU and memory limits...`);
      const noisyLoop = load(url, { host: "loop.noisy.edge.localhost", connections: 5, duration: DURATION + 2 });
      const noisyAlloc = load(url, { host: "alloc.noisy.edge.localhost", connections: 5, duration: DURATION + 2 });
      crowdedRuns.push(await load(url, { host }));
      const [nl, na] = await Promise.all([noisyLoop, noisyAlloc]);
      blocked += nl.rps + na.rps;
      bErrors += nl.errors + na.errors;
    }
  }
  rows.push(medianRow(`tenant A alone (1 worker; median of ${NOISY_ROUNDS} rounds, in turns with the next row)`, aloneRuns));
  rows.push(medianRow(`tenant A while tenant B floods CPU + memory limits (5+5 connections; median of ${NOISY_ROUNDS} rounds)`, crowdedRuns));
  const ratios = crowdedRuns.map((c, i) => c.p99 / Math.max(0.01, aloneRuns[i]!.p99));
  extra.push([
    "noisy neighbour (target <= 1.5x)",
    `A's p99 while B floods over A's p99 alone, paired by round: median ${median(ratios).toFixed(2)}x (${median(ratios) <= 1.5 ? "met" : "missed"}; rounds ${ratios.map((r, i) => `${r.toFixed(2)}x (${crowdedRuns[i]!.p99.toFixed(2)} vs ${aloneRuns[i]!.p99.toFixed(2)} ms)`).join(", ")}); B got ${Math.round(blocked / NOISY_ROUNDS)} req/s of 503s (limit kills and tenant_overloaded), ${bErrors} connection errors`,
  ]);

  // Memory: RSS growth of the worker with 1,000 more live functions (one warm isolate each).
  const { workerPids } = (await fetch(`http://127.0.0.1:${internalPort}/revision`).then((r) => r.json())) as { workerPids: number[] };
  const workerPid = workerPids[0]!;
  const rssBefore = rssOf(workerPid);
  const COUNT = Number(process.env.BENCH_FUNCTIONS ?? 1000);
  console.error(`bench: deploying ${COUNT} functions...`);
  const deployedAt = performance.now();
  for (let i = 0; i < COUNT; i++) stand.push({ kind: "function.deployed", function: { ...hello, functionId: `m${i}`, name: `m${i}` } });
  await waitHttp(url, `m${COUNT - 1}.bench.edge.localhost`, 300_000);
  const warmedIn = performance.now() - deployedAt;
  const rssAfter = rssOf(workerPid);
  // The next runtime (N workers + standby) must not have to warm them all again.
  for (let i = 0; i < COUNT; i++) stand.push({ kind: "function.deleted", functionId: `m${i}`, tenantId: hello.tenantId });
  extra.push([`RSS with ${COUNT} more live functions (one warm isolate each)`, `${((rssAfter - rssBefore) / COUNT / 1024).toFixed(2)} MB per function (worker ${(rssBefore / 1024).toFixed(0)} -> ${(rssAfter / 1024).toFixed(0)} MB; all warm in ${(warmedIn / 1000).toFixed(1)} s)`]);
}

/**
 * First request after the function's isolates were evicted vs warm, on an in-process engine. An
 * evicted function has sat idle, and on these machines any request after an idle costs more than
 * one right behind another (bare node:http: ~0.9 vs ~0.2 ms after 200 ms), eviction or not. So
 * each round times the warm function after the same idle, then evicts it, and the verdict is the
 * evicted request minus that control, paired by round; the gap to back-to-back requests is shown
 * beside it.
 */
async function evictionLatency(): Promise<string> {
  const { code, sourceMap } = await compile(WORKER_SOURCE);
  const engine = new Engine({ maxInstances: 4, egress: { allowPrivate: false } });
  const watchdog = new Watchdog();
  const server = new PublicServer(engine, { meter: { record: () => undefined, log: () => undefined }, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: "edge.localhost" });
  const fn: FunctionState = { functionId: "e1", tenantId: "t1", name: "hello", version: 1, code, sourceMap, vars: {}, secrets: {} };
  await engine.reconcile(
    applyChanges(emptyState(), [
      { revision: 1, kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "bench", status: "active", limits: DEFAULT_LIMITS } },
      { revision: 2, kind: "function.deployed", function: fn },
    ]),
  );
  const port = await server.start();
  const host = "hello.bench.edge.localhost";
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const idle = (): Promise<void> => new Promise((r) => setTimeout(r, EVICTION_IDLE_MS));
  const backToBack: number[] = [];
  const idleWarm: number[] = [];
  const cold: number[] = [];
  for (let round = 0; round < EVICTIONS; round++) {
    for (let i = 0; i < 10; i++) backToBack.push(await timedGet(agent, port, host));
    await idle();
    idleWarm.push(await timedGet(agent, port, host));
    housekeep(engine, { idleEvictMs: 0, heapBudgetMb: 0 });
    // Meanwhile the runtime refills its blank isolates in the background (~20 ms after each
    // isolate start), as it would while an evicted function sits idle.
    await idle();
    cold.push(await timedGet(agent, port, host));
  }
  agent.destroy();
  await server.stop();
  watchdog.stop();
  engine.stop();
  const paired = cold.map((c, i) => c - idleWarm[i]!);
  const [low, high] = medianInterval(paired);
  const gap = median(paired);
  const verdict = high <= 2 ? "met" : gap <= 2 ? "met at the median, not across the interval" : "not met";
  return (
    `+${gap.toFixed(2)} ms over the warm function after the same ${EVICTION_IDLE_MS} ms idle (paired median of ${EVICTIONS} rounds, 95 % interval ${low.toFixed(2)} to ${high.toFixed(2)} ms; target <= +2 ms: ${verdict}); ` +
    `p50 ${median(cold).toFixed(2)} ms evicted, ${median(idleWarm).toFixed(2)} ms warm after the idle, ${median(backToBack).toFixed(2)} ms warm back to back (+${(median(cold) - median(backToBack)).toFixed(2)} ms over that)`
  );
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    fs.rmSync(tmp, { recursive: true, force: true });
  });
