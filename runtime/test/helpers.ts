/** Shared test helpers: compile fixtures like the console does, build states, make requests. */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Change, FunctionState, TenantLimits, TenantState } from "../src/protocol/index.ts";
import { DEFAULT_LIMITS } from "../src/protocol/index.ts";
import { applyChanges, emptyState, type RuntimeState } from "../src/routing/state.ts";
import { FunctionInstance } from "../src/isolates/instance.ts";
import type { PoolOptions } from "../src/isolates/pool.ts";
import type { Reaper } from "../src/isolates/reaper.ts";
import { Watchdog } from "../src/isolates/watchdog.ts";
import type { MeterSink } from "../src/metering/types.ts";
import { Engine } from "../src/server/engine.ts";
import type { TenantGate } from "../src/server/fairness.ts";
import { PublicServer } from "../src/server/public.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

/** Compiles a fixture the way the console compiles a version: esbuild, esm, bundled, es2022. */
export async function compileFixture(file: string): Promise<{ code: string; sourceMap: string }> {
  const result = await build({
    entryPoints: [path.join(FIXTURES, file)],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "neutral",
    external: ["node:*"],
    sourcemap: "external",
    outfile: "out.js",
    write: false,
    logLevel: "silent",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith(".map"))!.text;
  return { code: js, sourceMap: map };
}

export function tenant(id: string, slug: string, limits: Partial<TenantLimits> = {}, status: TenantState["status"] = "active"): TenantState {
  return { tenantId: id, slug, status, limits: { ...DEFAULT_LIMITS, ...limits } };
}

export async function fn(tenantId: string, name: string, fixture: string, opts: { version?: number; vars?: Record<string, string> } = {}): Promise<FunctionState> {
  const { code, sourceMap } = await compileFixture(fixture);
  return { functionId: `${tenantId}-${name}`, tenantId, name, version: opts.version ?? 1, code, sourceMap, vars: opts.vars ?? {}, secrets: {} };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: number;
}

/** One HTTP request to 127.0.0.1:port with the given Host header. */
export function request(port: number, host: string, pathname = "/", opts: { method?: string; body?: string | Buffer; headers?: Record<string, string>; keepBody?: boolean; timeoutMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: opts.method ?? "GET", headers: { host, ...opts.headers }, agent: false }, (res) => {
      const parts: Buffer[] = [];
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (opts.keepBody !== false) parts.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8"), bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    // A request must never hang a test: a connection lost with a killed worker fails instead.
    req.setTimeout(opts.timeoutMs ?? 20_000, () => req.destroy(new Error("request timed out")));
    req.end(opts.body);
  });
}

/** Polls until cond() is truthy or the deadline passes (no fixed sleeps in tests). */
export async function waitFor<T>(cond: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The state a runtime holds after the console upserted these tenants and deployed these functions. */
export function stateWith(tenants: TenantState[], fns: FunctionState[]): RuntimeState {
  let rev = 0;
  const changes: Change[] = [
    ...tenants.map((t): Change => ({ revision: ++rev, kind: "tenant.upserted", tenant: t })),
    ...fns.map((f): Change => ({ revision: ++rev, kind: "function.deployed", function: f })),
  ];
  return applyChanges(emptyState(), changes);
}

/** One isolate running `code` as version 1 of a function (64 MB, private addresses refused). */
export function instanceOf(code: string): Promise<FunctionInstance> {
  return FunctionInstance.create(
    { functionId: "f", tenantId: "t", name: "f", version: 1, code, sourceMap: "", vars: {}, secrets: {} },
    { memoryMb: 64, startupMs: 5000, egress: { allowPrivate: false }, env: {}, cache: {} },
  );
}

/**
 * The real engine behind a real PublicServer on a free port (the request path without cluster or
 * sync): `start` applies the tenants and functions and listens, `stop` ends everything.
 */
export function servedEngine(opts: { meter?: MeterSink; gate?: TenantGate; openSecret?: PoolOptions["openSecret"]; retireLatestMs?: number; reaper?: Reaper } = {}) {
  const engine = new Engine({ maxInstances: 4, egress: { allowPrivate: false }, openSecret: opts.openSecret, retireLatestMs: opts.retireLatestMs, reaper: opts.reaper });
  const watchdog = new Watchdog();
  const server = new PublicServer(engine, { meter: opts.meter ?? { record: () => undefined, log: () => undefined }, watchdog, gate: opts.gate }, { port: 0, host: "127.0.0.1", baseDomain: "edge.localhost" });
  return {
    engine,
    async start(tenants: TenantState[], fns: FunctionState[]): Promise<number> {
      await engine.reconcile(stateWith(tenants, fns));
      return server.start();
    },
    async stop(): Promise<void> {
      await server.stop();
      watchdog.stop();
      engine.stop();
    },
  };
}

/**
 * Makes a journal's next `n` segment files (from `nextSegment` on; names already taken are left)
 * /dev/full, where every write fails with ENOSPC, as on a full disk; returns a function that frees
 * the space again (removes every link in the journal's directory, used or not).
 */
export function fillDisk(journal: { nextSegment: string; dir: string }, n = 50): () => void {
  const m = /^(.*-)(\d{6})\.open$/.exec(journal.nextSegment);
  if (!m) throw new Error(`unexpected segment name ${journal.nextSegment}`);
  for (let k = 0; k < n; k++) {
    const link = `${m[1]}${String(Number(m[2]) + k).padStart(6, "0")}.open`;
    if (!fs.existsSync(link)) fs.symlinkSync("/dev/full", link);
  }
  return () => {
    for (const f of fs.readdirSync(journal.dir)) {
      try {
        if (fs.lstatSync(path.join(journal.dir, f)).isSymbolicLink()) fs.unlinkSync(path.join(journal.dir, f));
      } catch {
        // Renamed or collected meanwhile.
      }
    }
  };
}

/** What a byteUpstream request saw: bytes written, and whether its reader went away early. */
export type UpstreamEntry = { written: number; closedEarly: boolean };

/**
 * A loopback upstream for proxy functions. GET streams ?size= bytes (default 100 MB) in 64 KB
 * chunks with backpressure, ?fail=N cutting the connection after N bytes; POST answers
 * {"received": <bytes uploaded>}. `log` has one entry per GET.
 */
export async function byteUpstream(): Promise<{ server: http.Server; port: number; log: UpstreamEntry[] }> {
  const log: UpstreamEntry[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "POST") {
      let n = 0;
      req.on("data", (c: Buffer) => (n += c.length));
      req.on("end", () => res.end(JSON.stringify({ received: n })));
      return;
    }
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    const size = Number(q.get("size") ?? 100 * 1024 * 1024);
    const failAt = q.has("fail") ? Number(q.get("fail")) : -1;
    const entry = { written: 0, closedEarly: false };
    log.push(entry);
    const chunk = Buffer.alloc(64 * 1024, 98);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
    res.on("close", () => (entry.closedEarly = entry.written < size));
    const write = (): void => {
      while (entry.written < size) {
        if (failAt >= 0 && entry.written >= failAt) return void res.destroy();
        const n = Math.min(chunk.length, size - entry.written);
        entry.written += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once("drain", write);
      }
      res.end();
    };
    write();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, port: (server.address() as AddressInfo).port, log };
}
