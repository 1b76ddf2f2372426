/**
 * `npm run bench:runtime`: hello-world throughput and latency at 50 connections (autocannon)
 * against (a) a bare Node http server, (b) workerd with the same Worker code, (c) our runtime fed
 * by an in-process stand-in console; plus first-request-after-deploy and idle isolate memory.
 * Everything listens on loopback; ratios are against the bare Node baseline measured in this run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { build } from "esbuild";
import { DEFAULT_LIMITS, type FunctionState } from "../runtime/src/protocol/index.ts";
import { StandInConsole } from "../runtime/test/stand-in-console.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const WORKER_SOURCE = `export default { async fetch() { return new Response("hello world"); } };\n`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bench-"));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

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

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(name: string, url: string, host?: string): Promise<Row> {
  console.error(`bench: ${name}...`);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: host ? { host } : {} });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function compile(source: string): Promise<{ code: string; sourceMap: string }> {
  const file = path.join(tmp, `w${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(file, source);
  const out = await build({ entryPoints: [file], bundle: true, format: "esm", target: "es2022", sourcemap: "external", outfile: "out.js", write: false, logLevel: "silent" });
  return { code: out.outputFiles.find((f) => f.path.endsWith(".js"))!.text, sourceMap: out.outputFiles.find((f) => f.path.endsWith(".map"))!.text };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const extra: [string, string][] = [];

  // (a) bare Node
  const nodePort = await freePort();
  start(process.execPath, ["-e", `require("http").createServer((q, s) => s.end("hello world")).listen(${nodePort}, "127.0.0.1")`]);
  await waitHttp(`http://127.0.0.1:${nodePort}/`);
  rows.push(await cannon("bare node:http (1 process)", `http://127.0.0.1:${nodePort}/`));

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
  start(path.join(ROOT, "node_modules/.bin/workerd"), ["serve", path.join(tmp, "config.capnp")]);
  await waitHttp(`http://127.0.0.1:${wdPort}/`);
  rows.push(await cannon("workerd (same Worker)", `http://127.0.0.1:${wdPort}/`));

  // (c) our runtime, fed by a stand-in console
  const stand = new StandInConsole({ holdMs: 20_000 });
  await stand.start();
  const { code, sourceMap } = await compile(WORKER_SOURCE);
  stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "bench", status: "active", limits: DEFAULT_LIMITS } });
  const hello: FunctionState = { functionId: "f1", tenantId: "t1", name: "hello", version: 1, code, sourceMap, vars: {}, secrets: {} };
  stand.push({ kind: "function.deployed", function: hello });
  const host = "hello.bench.edge.localhost";
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
    await waitHttp(`http://127.0.0.1:${port}/`, host);
    rows.push(await cannon(`edge runtime (${workers} worker${workers > 1 ? "s" : ""})`, `http://127.0.0.1:${port}/`, host));
    if (workers === 1) {
      // First request after a deploy: push v2, poll until it answers with the new body.
      const t0 = performance.now();
      const v2 = await compile(WORKER_SOURCE.replace("hello world", "hello v2"));
      const compiledAt = performance.now();
      stand.push({ kind: "function.deployed", function: { ...hello, version: 2, ...v2 } });
      for (;;) {
        if ((await get(`http://127.0.0.1:${port}/`, host)).body === "hello v2") break;
      }
      extra.push(["deploy -> first v2 response (change feed + warm + flip)", `${(performance.now() - compiledAt).toFixed(1)} ms (esbuild ${(compiledAt - t0).toFixed(1)} ms not included)`]);

      // Noisy neighbour: another tenant's infinite loop hammered at 10 connections while we measure.
      const loop = await compile("export default { fetch() { for (;;) {} } };");
      stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t2", slug: "noisy", status: "active", limits: DEFAULT_LIMITS } });
      stand.push({ kind: "function.deployed", function: { ...hello, functionId: "f2", tenantId: "t2", name: "loop", ...loop } });
      await waitHttpStatus(`http://127.0.0.1:${port}/`, "loop.noisy.edge.localhost", 503);
      const noisy = autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: DURATION + 2, headers: { host: "loop.noisy.edge.localhost" } });
      rows.push(await cannon("edge runtime (1 worker) + noisy neighbour", `http://127.0.0.1:${port}/`, host));
      const n = await noisy;
      extra.push(["noisy neighbour", `${Math.round(n.requests.average)} req/s of cpu_limit_exceeded (503) from the looping tenant during the row above`]);

      // Memory: RSS growth per 1,000 warm functions (measured with 200, extrapolated).
      // Isolates live in the worker, not in the primary we spawned.
      const { workerPids } = (await fetch(`http://127.0.0.1:${internalPort}/revision`).then((r) => r.json())) as { workerPids: number[] };
      const workerPid = workerPids[0]!;
      const rssBefore = rssOf(workerPid);
      const COUNT = 200;
      for (let i = 0; i < COUNT; i++) stand.push({ kind: "function.deployed", function: { ...hello, functionId: `m${i}`, name: `m${i}` } });
      await waitHttp(`http://127.0.0.1:${port}/`, `m${COUNT - 1}.bench.edge.localhost`, 120_000);
      const rssAfter = rssOf(workerPid);
      extra.push(["RSS per 1,000 warm functions (one isolate each)", `${(((rssAfter - rssBefore) / COUNT) * 1000 / 1024).toFixed(0)} MB (measured with ${COUNT}: ${(rssBefore / 1024).toFixed(0)} -> ${(rssAfter / 1024).toFixed(0)} MB)`]);
    }
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await stand.stop();

  const base = rows[0]!.rps;
  console.log(`\nhello world, ${CONNECTIONS} connections, ${DURATION} s each, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"})\n`);
  console.log("| target | req/s | p50 ms | p99 ms | errors | vs bare node |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base).toFixed(2)}x |`);
  console.log("");
  for (const [k, v] of extra) console.log(`- ${k}: ${v}`);
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
