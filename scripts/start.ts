// `npm start`: builds the console when its sources changed, then runs the console and the runtime
// together on the embedded database. Plain Node (type stripping), no dependencies.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
const port = process.env.PORT ?? "3000";
// Separate checkouts share one tree in development; NEXT_DIST_DIR lets each build into its own dir.
const distDir = process.env.NEXT_DIST_DIR ?? ".next";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const marker = path.join(root, distDir, "BUILD_ID");
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  const sources = ["app", "components", "lib", "drizzle", "runtime/src/protocol"].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const files = ["package.json", "next.config.ts", "instrumentation.ts"].map((f) => path.join(root, f));
  return Math.max(...sources.map(newestMtime), ...files.map((f) => fs.statSync(f).mtimeMs)) > built;
}

/** The token the runtime uses to talk to the console; generated once into DATA_DIR. */
function runtimeToken(): string {
  if (process.env.RUNTIME_TOKEN) return process.env.RUNTIME_TOKEN;
  const file = path.join(dataDir, "secrets", "runtime-token");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** Several checkouts' test runs may start at once: one builds, the others wait and reuse it. */
async function withBuildLock(fn: () => void): Promise<void> {
  const lock = path.join(root, `${distDir}-build.lock`);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const holder = Number(fs.readFileSync(lock, "utf8") || 0);
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder > 0;
      } catch {}
      if (!alive) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

await withBuildLock(() => {
  if (!needsBuild()) return;
  console.log("Building the console (first start or sources changed)…");
  // `next build` adds its dist dir to tsconfig.json; a side build (NEXT_DIST_DIR) must not.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (distDir !== ".next") fs.writeFileSync(tsconfig, before);
  if (r.status !== 0) process.exit(r.status ?? 1);
});

/** A port nobody listens on right now (the kernel's choice). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

// The runtime talks to the console's plain runtime-API listener (lib/http/internal-server.ts),
// not through Next.js: two of its calls are on the way from a deploy to "live".
const internalPort = process.env.CONSOLE_INTERNAL_PORT ?? String(await freePort());
const childEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: port,
  DATA_DIR: dataDir,
  RUNTIME_TOKEN: runtimeToken(),
  CONSOLE_INTERNAL_PORT: internalPort,
  CONSOLE_URL: process.env.CONSOLE_URL ?? `http://127.0.0.1:${internalPort}`,
};
const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, cmd: string, args: string[]): void {
  const child = spawn(cmd, args, { cwd: root, env: childEnv, stdio: "inherit" });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping.`);
    stop(code ?? 1);
  });
}

function stop(code: number): void {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 2000).unref();
}

// Next.js behind our own server (scripts/console-server.ts), which sets the client's address from
// the socket; run by Node directly (not through npx) so that our SIGTERM reaches it.
run("console", process.execPath, [path.join(root, "scripts", "console-server.ts")]);
if (fs.existsSync(path.join(root, "runtime", "src", "main.ts"))) run("runtime", process.execPath, [path.join(root, "runtime", "src", "main.ts")]);
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
