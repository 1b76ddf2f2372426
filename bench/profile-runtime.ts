/**
 * Developer tool, not part of `npm run bench`: starts the runtime with one worker under
 * `--cpu-prof` (PROFILE=0 to run without), drives hello world at 50 connections for BENCH_SECONDS,
 * stops it and prints, per process, the busy CPU per answered request and the top self-time
 * functions. Usage: node bench/profile-runtime.ts [outDir]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { DEFAULT_LIMITS } from "../runtime/src/protocol/index.ts";
import { StandInConsole } from "../runtime/test/stand-in-console.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.resolve(process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), "edge-prof-")));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
fs.mkdirSync(OUT, { recursive: true });

const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const stand = new StandInConsole({ holdMs: 20_000 });
await stand.start();
const out = await build({ stdin: { contents: `export default { async fetch() { return new Response("hello world"); } };` }, bundle: true, format: "esm", sourcemap: "external", outfile: "out.js", write: false, logLevel: "silent" });
stand.push({ kind: "tenant.upserted", tenant: { tenantId: "t1", slug: "bench", status: "active", limits: DEFAULT_LIMITS } });
stand.push({ kind: "function.deployed", function: { functionId: "f1", tenantId: "t1", name: "hello", version: 1, code: out.outputFiles.find((f) => f.path.endsWith(".js"))!.text, sourceMap: out.outputFiles.find((f) => f.path.endsWith(".map"))!.text, vars: {}, secrets: {} } });
const child = spawn(process.execPath, [...(process.env.PROFILE === "0" ? [] : ["--cpu-prof", `--cpu-prof-dir=${OUT}`]), path.join(ROOT, "runtime/src/main.ts")], {
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
const load = spawn(process.execPath, [path.join(ROOT, "bench/load.ts"), JSON.stringify({ url: `http://127.0.0.1:${port}/`, host, connections: 50, duration: SECONDS })], { stdio: ["ignore", "pipe", "inherit"] });
let text = "";
load.stdout.on("data", (c: Buffer) => (text += c.toString()));
await new Promise((r) => load.once("exit", r));
console.log(text.trim());
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
