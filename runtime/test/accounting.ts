/**
 * Shared by the accounting test (lib/services/metrics/accounting.test.ts) and `npm run
 * bench:accounting`: a paced HTTP load generator that counts every response it receives by status
 * class, and control of a real runtime node (`node runtime/src/main.ts`) that can be SIGKILLed
 * (the primary or one worker) and started again on the same ports and data directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { freePort } from "./free-port.ts";

const MAIN = path.join(import.meta.dirname, "..", "src", "main.ts");

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

const HEAD_END = Buffer.from("\r\n\r\n");
const CRLF = Buffer.from("\r\n");
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Where the response that starts `buf` ends (the index after its last byte), or -1 while it is
 * incomplete. Handles Content-Length and chunked bodies; a response with neither lasts until the
 * server closes the connection (the caller settles it on close).
 */
function responseEnd(buf: Buffer): { end: number; status: number; close: boolean; untilClose?: true } | null {
  const head = buf.indexOf(HEAD_END);
  if (head < 0) return null;
  const headers = buf.toString("latin1", 0, head).toLowerCase();
  const status = Number(headers.slice(9, 12));
  const close = /\r\nconnection: *close/.test(headers);
  const length = /\r\ncontent-length: *(\d+)/.exec(headers);
  const bodyStart = head + HEAD_END.length;
  if (length) {
    const end = bodyStart + Number(length[1]);
    return { end: buf.length >= end ? end : -1, status, close };
  }
  if (!/\r\ntransfer-encoding: *chunked/.test(headers)) return { end: -1, status, close: true, untilClose: true };
  // Chunks: size in hex, CRLF, data, CRLF; a zero-size chunk, optional trailers and CRLF end it.
  for (let at = bodyStart; ; ) {
    const line = buf.indexOf(CRLF, at);
    if (line < 0) return { end: -1, status, close };
    const size = parseInt(buf.toString("latin1", at, line), 16);
    if (size === 0) {
      const end = buf.indexOf(HEAD_END, line);
      return { end: end < 0 ? -1 : end + HEAD_END.length, status, close };
    }
    at = line + CRLF.length + size + CRLF.length;
    if (at > buf.length) return { end: -1, status, close };
  }
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time. A lean client on purpose: node:http
 * costs ~170 µs of CPU per request on these machines, more than the runtime under test, and the
 * load generator shares their 2 cores. get() resolves with the status once the whole response
 * is in, and rejects if the connection fails, closes or times out before that.
 */
class Connection {
  readonly #socket: net.Socket;
  #buf: Buffer = Buffer.alloc(0);
  #pending: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;
  #failed: Error | null = null;
  /** The server said it closes the connection after this response. */
  closing = false;

  constructor(port: number) {
    this.#socket = net.connect(port, "127.0.0.1");
    this.#socket.setNoDelay(true);
    this.#socket.setTimeout(REQUEST_TIMEOUT_MS, () => this.#fail(new Error("timeout")));
    this.#socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    this.#socket.on("error", (e) => this.#fail(e));
    this.#socket.on("close", () => this.#onClose());
  }

  get(request: Buffer): Promise<number> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#socket.write(request);
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    const r = responseEnd(this.#buf);
    if (!r || r.end < 0) return;
    this.#buf = this.#buf.subarray(r.end);
    this.closing = r.close;
    const p = this.#pending;
    this.#pending = null;
    p?.resolve(r.status);
  }

  #onClose(): void {
    const r = this.#pending && responseEnd(this.#buf);
    if (r?.untilClose) {
      const p = this.#pending!;
      this.#pending = null;
      this.closing = true;
      p.resolve(r.status);
      return;
    }
    this.#fail(new Error("connection closed"));
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    const p = this.#pending;
    this.#pending = null;
    p?.reject(e);
    this.#socket.destroy();
  }
}

/**
 * Sends GETs to `host` at about `rate` per second over `connections` keep-alive connections until
 * `stop()`; only complete responses count. A refused or reset connection (the runtime is down or
 * was killed mid-request) counts as a failure and the lane retries after a short pause.
 */
export function startLoad(opts: { port: () => number; host: string; rate: number; connections: number; path?: string }) {
  const counts: LoadCounts = { sent: 0, responses: 0, byClass: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 }, failures: 0 };
  let stopped = false;
  const request = Buffer.from(`GET ${opts.path ?? "/"} HTTP/1.1\r\nhost: ${opts.host}\r\n\r\n`, "latin1");
  const t0 = performance.now();
  let next = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const lane = async (): Promise<void> => {
    let conn: Connection | null = null;
    while (!stopped) {
      // Paced: request i is due at i / rate seconds; a lane that is behind sends at once.
      const due = (next++ / opts.rate) * 1000;
      const wait = due - (performance.now() - t0);
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      counts.sent++;
      try {
        conn ??= new Connection(opts.port());
        const status = await conn.get(request);
        counts.responses++;
        const cls = `${Math.floor(status / 100)}xx` as keyof LoadCounts["byClass"];
        if (cls in counts.byClass) counts.byClass[cls]++;
        if (conn.closing) {
          conn.destroy();
          conn = null;
        }
      } catch {
        counts.failures++;
        conn?.destroy();
        conn = null;
        await sleep(20);
      }
    }
    conn?.destroy();
  };
  const lanes = Array.from({ length: opts.connections }, lane);
  return {
    counts,
    elapsedMs: () => performance.now() - t0,
    async stop(): Promise<LoadCounts> {
      stopped = true;
      await Promise.all(lanes);
      return counts;
    },
  };
}
