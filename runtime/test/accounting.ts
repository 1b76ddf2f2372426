/**
 * Shared by the accounting test (lib/services/metrics/accounting.test.ts) and `npm run
 * bench:accounting`: a paced HTTP load generator that counts every response it receives by status
 * class, and control of a real runtime node (`node runtime/src/main.ts`) that can be SIGKILLed
 * (the primary or one worker) and started again on the same ports and data directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";

const MAIN = path.join(import.meta.dirname, "..", "src", "main.ts");

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export type RuntimeOptions = { consoleUrl: string; token: string; dataDir: string; workers?: number; flushMs?: number; baseDomain?: string };

/** One runtime node as operators run it; `kill*` are the failures the accounting must survive. */
export class RuntimeProcess {
  readonly opts: RuntimeOptions;
  port = 0;
  internalPort = 0;
  #child: ChildProcess | null = null;
  starts = 0;

  constructor(opts: RuntimeOptions) {
    this.opts = opts;
  }

  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  async start(): Promise<void> {
    if (!this.port) [this.port, this.internalPort] = [await freePort(), await freePort()];
    this.#child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        RUNTIME_PORT: String(this.port),
        RUNTIME_INTERNAL_PORT: String(this.internalPort),
        RUNTIME_HOST: "127.0.0.1",
        RUNTIME_WORKERS: String(this.opts.workers ?? 2),
        RUNTIME_BASE_DOMAIN: this.opts.baseDomain ?? "edge.localhost",
        DATA_DIR: this.opts.dataDir,
        CONSOLE_URL: this.opts.consoleUrl,
        RUNTIME_TOKEN: this.opts.token,
        RUNTIME_FLUSH_MS: String(this.opts.flushMs ?? 500),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    this.starts++;
  }

  /** The node's own view: worker pids, batches still waiting for the console. */
  async status(): Promise<{ revision: number; workerPids: number[]; outboxPending: number } | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.internalPort}/revision`, { signal: AbortSignal.timeout(1000) });
      return (await res.json()) as { revision: number; workerPids: number[]; outboxPending: number };
    } catch {
      return null;
    }
  }

  /** Resolves once `workers` workers serve `revision` or later. */
  async ready(revision: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.status();
      if (s && s.revision >= revision && s.workerPids.length >= (this.opts.workers ?? 2)) return;
      if (Date.now() > deadline) throw new Error(`runtime not ready at revision ${revision} within ${timeoutMs} ms: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL of the primary: its workers notice the lost channel and exit on their own. */
  async killPrimary(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  /** SIGKILL of one serving worker; the primary replaces it. Returns the killed pid. */
  async killWorker(): Promise<number> {
    const s = await this.status();
    const pid = s?.workerPids[0];
    if (!pid) throw new Error("no worker to kill");
    process.kill(pid, "SIGKILL");
    return pid;
  }

  /** Graceful stop (SIGTERM): flushes the journal to the outbox and tries one delivery. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

export type LoadCounts = { sent: number; responses: number; byClass: Record<"2xx" | "3xx" | "4xx" | "5xx", number>; failures: number };

/**
 * Sends GETs to `host` at about `rate` per second over `connections` keep-alive connections until
 * `stop()`; only complete responses count. A refused or reset connection (the runtime is down or
 * was killed mid-request) counts as a failure and the lane retries after a short pause.
 */
export function startLoad(opts: { port: () => number; host: string; rate: number; connections: number; path?: string }) {
  const counts: LoadCounts = { sent: 0, responses: 0, byClass: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 }, failures: 0 };
  let stopped = false;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const t0 = performance.now();
  let next = 0;
  const one = (): Promise<boolean> =>
    new Promise((resolve) => {
      counts.sent++;
      const req = http.get({ host: "127.0.0.1", port: opts.port(), path: opts.path ?? "/", headers: { host: opts.host }, agent }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          counts.responses++;
          const cls = `${Math.floor((res.statusCode ?? 0) / 100)}xx` as keyof LoadCounts["byClass"];
          if (cls in counts.byClass) counts.byClass[cls]++;
          resolve(true);
        });
        res.on("error", () => {
          counts.failures++;
          resolve(false);
        });
      });
      req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        counts.failures++;
        resolve(false);
      });
    });
  const lane = async (): Promise<void> => {
    while (!stopped) {
      // Paced: request i is due at i / rate seconds; a lane that is behind sends at once.
      const due = (next++ / opts.rate) * 1000;
      const wait = due - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (stopped) break;
      if (!(await one())) await new Promise((r) => setTimeout(r, 20));
    }
  };
  const lanes = Array.from({ length: opts.connections }, lane);
  return {
    counts,
    elapsedMs: () => performance.now() - t0,
    async stop(): Promise<LoadCounts> {
      stopped = true;
      await Promise.all(lanes);
      agent.destroy();
      return counts;
    },
  };
}
