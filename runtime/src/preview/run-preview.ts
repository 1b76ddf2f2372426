/**
 * Runs one test-console request (protocol/preview.ts) through the engine's own invoke(): a fresh
 * VersionPool for the given state (so the tenant's limits, the egress policy and sealed secrets
 * apply exactly as for public traffic), one real HTTP exchange over a private loopback listener
 * that exists only for this request, and a meter sink that keeps this invocation's record and
 * console lines instead of sending them to the console's metrics.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LogEntry } from "../protocol/index.ts";
import { PREVIEW_MAX_BODY_BYTES, type PreviewRequest, type PreviewResult, type PreviewRun } from "../protocol/preview.ts";
import { VersionPool, type PoolOptions } from "../isolates/pool.ts";
import type { Watchdog } from "../isolates/watchdog.ts";
import type { InvocationRecord, MeterSink } from "../metering/types.ts";
import { mapStack } from "../isolates/stack.ts";
import { invoke, normalizeLevel } from "../server/invoke.ts";

/** Top-level console lines a run keeps (each is already cut at 16 KiB by the instance). */
const STARTUP_LOG_LINES = 100;

const TEXTUAL = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))|^image\/svg\+xml/i;

/** Runs the job once and disposes its isolate. Never throws for tenant errors: they are the result. */
export async function runPreview(job: PreviewRun, opts: PoolOptions, watchdog: Watchdog, maxBodyBytes = PREVIEW_MAX_BODY_BYTES): Promise<PreviewResult> {
  const requestId = crypto.randomUUID();
  const pool = new VersionPool(job.function, job.tenant.limits, { ...opts, maxInstances: 1 });
  // The module's top-level console lines, marked as such, before the request's.
  const startupLogs: PreviewResult["logs"] = [];
  const onStartupLog = (level: string, message: string): void => {
    if (startupLogs.length < STARTUP_LOG_LINES) startupLogs.push({ at: new Date().toISOString(), level: normalizeLevel(level), message, details: { kind: "startup" } });
  };
  const request = job.request;
  if (!request) {
    // A deploy's startup check: the module's top level, nothing else.
    try {
      await pool.warm(onStartupLog);
      return { requestId, status: 0, headers: [], body: "", bodyEncoding: "utf8", bodyBytes: 0, truncated: false, wallMs: 0, cpuMs: 0, logs: startupLogs, startupError: startupErrorOf(pool) };
    } finally {
      pool.dispose();
    }
  }
  let record: InvocationRecord | null = null;
  const logs: LogEntry[] = [];
  const sink: MeterSink = { record: (r) => (record = r), log: (l) => logs.push(l) };
  let invoked: Promise<void> = Promise.resolve();
  const server = http.createServer((req, res) => {
    invoked = invoke(req, res, job.tenant, pool, requestId, { meter: sink, watchdog });
  });
  try {
    await pool.warm(onStartupLog);
    const startupError = startupErrorOf(pool);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const res = await exchange(port, request, maxBodyBytes);
    // A cut-off body: stop the function now rather than let it stream on to nobody.
    if (res.truncated) pool.dispose();
    // The record is written when invoke() finishes, right after the last byte went out; the
    // tenant's wall-clock limit bounds that, and a platform bug must not hang the console.
    await Promise.race([invoked, new Promise((resolve) => setTimeout(resolve, job.tenant.limits.wallMs + 1_000).unref())]);
    const type = res.headers.find(([k]) => k === "content-type")?.[1] ?? "text/plain";
    const textual = TEXTUAL.test(type);
    const r = record as InvocationRecord | null;
    return {
      requestId,
      status: res.status,
      headers: res.headers,
      body: textual ? res.body.toString("utf8") : res.body.toString("base64"),
      bodyEncoding: textual ? "utf8" : "base64",
      bodyBytes: res.bytes,
      truncated: res.truncated,
      wallMs: r ? r.wallUs / 1000 : 0,
      cpuMs: r ? r.cpuUs / 1000 : 0,
      logs: [...startupLogs, ...logs.map((l) => ({ at: l.at, level: l.level, message: l.message, details: l.details }))],
      startupError,
    };
  } finally {
    pool.dispose();
    server.closeAllConnections();
    server.close();
  }
}

/** Why the pool's version failed to start (its message, and its stack at the tenant's lines), or null. */
function startupErrorOf(pool: VersionPool): PreviewResult["startupError"] {
  const e = pool.startError;
  return e ? { message: e.message, stack: mapStack(e.stack ?? e.message, pool.fn, pool.fn.sourceMap) } : null;
}

type Exchanged = { status: number; headers: [string, string][]; body: Buffer; bytes: number; truncated: boolean };

/** Sends the job's request to the private listener and reads at most `max` bytes of the answer. */
function exchange(port: number, request: PreviewRequest, max: number): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const headers: [string, string][] = [["host", request.host], ...request.headers.filter(([k]) => k.toLowerCase() !== "host")];
    const body = request.body === undefined || request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.from(request.body, "utf8");
    if (body) headers.push(["content-length", String(body.length)]);
    const req = http.request({ host: "127.0.0.1", port, method: request.method, path: request.path, headers: headers.flat(), setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      const out: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) out.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const done = (): void => resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).subarray(0, max), bytes, truncated });
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= max) return void chunks.push(chunk);
        chunks.push(chunk);
        truncated = true;
        // Enough for the console: stop the function's stream instead of buffering all of it.
        res.destroy();
        done();
      });
      res.on("end", done);
      res.on("error", () => (truncated ? undefined : reject(new Error("preview response failed"))));
    });
    req.on("error", reject);
    req.end(body);
  });
}
