/**
 * Developer tool, not part of `npm run bench`: starts the runtime with one worker under
 * `--cpu-prof` (PROFILE=0 to run without), drives hello world at 50 connections for BENCH_SECONDS,
 * stops it and prints the worker's CPU per answered request (from /proc, by thread) and, per
 * profiled process, the busy CPU per answered request and the top self-time functions.
 * RATE holds the load at that many requests per second, so that two builds compared in turns
 * batch their answers alike (the journal writes once per event-loop turn: at full speed, a build
 * that is faster per request also batches differently).
 * Usage: [PROFILE=0] [RATE=6000] [NODE_FLAGS="--trace-gc"] node bench/profile-runtime.ts [outDir]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { DEFAULT_LIMITS } from "../runtime/src/protocol/index.ts";
import { StandInConsole } from "../runtime/test/stand-in-console.ts";
import { freePort } from "../runtime/test/free-port.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.resolve(process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), "edge-prof-")));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
fs.mkdirSync(OUT, { recursive: true });

const port = await freePort();
const stand = new StandInConsole({ holdMs: 20_000 });
await stand.start();
const out = await build({ stdin: { contents: `export default { async fetch() { return new Response("hello world"); } };` }, bundle: true, format: "esm", sourcemap: "external", outfile: "out.js", write: false, logLevel: "silent" });
stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "bench", status: "active", limits: DEFAULT_LIMITS } });
stand.push({ kind: "function.deployed", function: { functionId: "f1", tenantId: "t1", name: "hello", version: 1, code: out.outputFiles.find((f) => f.path.endsWith(".js"))!.text, sourceMap: out.outputFiles.find((f) => f.path.endsWith(".map"))!.text, vars: {}, secrets: {} } });
// NODE_FLAGS: extra node flags for the runtime's processes (e.g. "--trace-gc"); workers inherit them.
const flags = (process.env.NODE_FLAGS ?? "").split(" ").filter(Boolean);
const child = spawn(process.execPath, [...flags, ...(process.env.PROFILE === "0" ? [] : ["--cpu-prof", `--cpu-prof-dir=${OUT}`]), path.join(ROOT, "runtime/src/main.ts")], {
  env: { ...process.env, RUNTIME_PORT: String(port), RUNTIME_INTERNAL_PORT: "0", RUNTIME_HOST: "127.0.0.1", RUNTIME_WORKERS: "1", RUNTIME_STANDBY_WORKERS: "0", DATA_DIR: path.join(OUT, "data"), CONSOLE_URL: stand.url, RUNTIME_TOKEN: stand.token },
  stdio: ["ignore", "inherit", "inherit"],
});
const host = "hello.bench.edge.localhost";
for (;;) {
  const ok = await new Promise<boolean>((resolve) => {
    http.get({ host: "127.0.0.1", port, path: "/", headers: { host }, agent: false }, (res) => resolve(res.resume().statusCode === 200)).on("error", () => resolve(false));
  });
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}
// CPU the worker process really used during the load (utime + stime from /proc), which, unlike the
// profile's "busy" samples, does not count time the thread spent waiting for a core.
const workers = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d) && procStat(`/proc/${d}/stat`)?.[1] === child.pid);
const cpuOf = (pid: string): { all: number; main: number; threads: Map<string, number> } => {
  const threads = new Map<string, number>();
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    let name = "?";
    try {
      name = fs.readFileSync(`/proc/${pid}/task/${t}/comm`, "utf8").trim();
    } catch {
      // The thread ended.
    }
    threads.set(`${name}#${t}`, procCpu(`/proc/${pid}/task/${t}/stat`));
  }
  return { all: procCpu(`/proc/${pid}/stat`), main: procCpu(`/proc/${pid}/task/${pid}/stat`), threads };
};
const cpuBefore = workers.map(cpuOf);
const primaryBefore = procCpu(`/proc/${child.pid}/stat`);
const load = spawn(process.execPath, [path.join(ROOT, "bench/load.ts"), JSON.stringify({ url: `http://127.0.0.1:${port}/`, host, connections: 50, duration: SECONDS, ...(process.env.RATE ? { rate: Number(process.env.RATE) } : {}) })], { stdio: ["ignore", "pipe", "inherit"] });
let text = "";
load.stdout.on("data", (c: Buffer) => (text += c.toString()));
await new Promise((r) => load.once("exit", r));
const cpuAfter = workers.map(cpuOf);
const primaryAfter = procCpu(`/proc/${child.pid}/stat`);
console.log(text.trim());
const answeredTotal = (JSON.parse(text) as { total: number }).total;
// The primary folds the workers' journal segments (metering, Prometheus) as the load runs.
console.log(`primary ${child.pid}: CPU ${(((primaryAfter - primaryBefore) * 1e6) / answeredTotal).toFixed(1)} µs per answered request`);
workers.forEach((pid, i) => {
  const all = cpuAfter[i]!.all - cpuBefore[i]!.all;
  const main = cpuAfter[i]!.main - cpuBefore[i]!.main;
  console.log(`worker ${pid}: CPU ${((all * 1e6) / answeredTotal).toFixed(1)} µs per answered request (main thread ${((main * 1e6) / answeredTotal).toFixed(1)}, other threads ${(((all - main) * 1e6) / answeredTotal).toFixed(1)})`);
  // Threads by name and id (live ones only: an exited thread's CPU shows in the total, not here).
  const byName = [...cpuAfter[i]!.threads].map(([name, t]) => [name, t - (cpuBefore[i]!.threads.get(name) ?? 0)] as const).filter(([, t]) => (t * 1e6) / answeredTotal >= 1);
  console.log(`  threads: ${byName.sort((a, b) => b[1] - a[1]).map(([name, t]) => `${name} ${((t * 1e6) / answeredTotal).toFixed(1)}`).join(", ")}`);
});
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
await stand.stop();
for (const f of fs.readdirSync(OUT).filter((f) => f.endsWith(".cpuprofile"))) {
  const prof = JSON.parse(fs.readFileSync(path.join(OUT, f), "utf8")) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const n of prof.nodes) {
    const t = self.get(n.id) ?? 0;
    total += t;
    const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/^.*\/(runtime|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
    byName.set(k, (byName.get(k) ?? 0) + t);
  }
  const idle = [...byName].filter(([k]) => k.startsWith("(idle)")).reduce((a, [, t]) => a + t, 0);
  const answered = (JSON.parse(text) as { total: number }).total;
  console.log(`\n${f}: ${(total / 1e6).toFixed(1)} s sampled, busy ${((total - idle) / answered).toFixed(1)} µs per answered request`);
  for (const [k, t] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}

/** [state, ppid, utime, stime] from a /proc stat line (the command name may contain spaces). */
function procStat(file: string): [string, number, number, number] | null {
  let line: string;
  try {
    line = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const f = line.slice(line.lastIndexOf(")") + 2).split(" ");
  return [f[0]!, Number(f[1]), Number(f[11]), Number(f[12])];
}

/** Seconds of CPU (user + system) used so far; /proc counts in clock ticks of 1/100 s. */
function procCpu(file: string): number {
  const s = procStat(file);
  return s ? (s[2] + s[3]) / 100 : 0;
}
