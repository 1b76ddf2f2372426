/**
 * Runs one HTTP request through a function version: acquires an instance, streams the request
 * body in and the response body out chunk by chunk, enforces the tenant's limits, and reports the
 * invocation (metrics + logs). Limit events and uncaught exceptions are the tenant's errors and
 * get their own JSON codes; anything else is an opaque platform 500.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LogEntry, TenantState } from "../protocol/index.ts";
import type { FunctionInstance } from "../isolates/instance.ts";
import type { VersionPool } from "../isolates/pool.ts";
import { mapStack } from "../isolates/stack.ts";
import type { Watched, Watchdog } from "../isolates/watchdog.ts";
import type { MeterSink } from "../metering/types.ts";
import type { DispatchResult } from "../sandbox/dispatch.ts";
import { isMemoryError, limitTrip, type LimitTrip } from "./limits.ts";
import { sendJson } from "./respond.ts";

export interface InvokeDeps {
  meter: MeterSink;
  watchdog: Watchdog;
}

const SKIP_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "x-request-id"]);

/** Counts request body bytes as the isolate pulls them, failing past the tenant's limit. */
async function* limitedBody(req: IncomingMessage, limit: number, onTooLarge: (n: number) => void, counter: { n: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of req as AsyncIterable<Buffer>) {
    counter.n += chunk.length;
    if (counter.n > limit) {
      onTooLarge(counter.n);
      throw new Error("Request body too large");
    }
    yield chunk;
  }
}

export async function invoke(req: IncomingMessage, res: ServerResponse, tenant: TenantState, pool: VersionPool, requestId: string, deps: InvokeDeps): Promise<void> {
  const fn = pool.fn;
  const limits = pool.limits;
  const started = Date.now();
  const t0 = process.hrtime.bigint();
  const bytesIn = { n: 0 };
  let bytesOut = 0;
  let status = 500;
  let uncaught = false;
  let trip: LimitTrip | null = null;
  let recorded = false;
  const logs: LogEntry[] = [];
  const log = (level: LogEntry["level"], message: string, details: Record<string, unknown> | null = null): void => {
    logs.push({ tenantId: fn.tenantId, functionId: fn.functionId, version: fn.version, requestId, at: new Date().toISOString(), level, message, status: null, details });
  };

  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limits.requestBodyBytes) {
    trip = limitTrip("requestBody", limits, declared);
    status = trip.status;
    finish();
    sendJson(res, trip.status, { ...trip.body, request_id: requestId }, requestId);
    req.resume();
    return;
  }

  let inst: FunctionInstance;
  try {
    if (pool.startError) throw pool.startError;
    inst = await pool.acquire();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    uncaught = true;
    status = 500;
    log("error", `Function failed to start: ${err.message}`, { kind: "startup", stack: mapStack(err.stack ?? err.message, fn, fn.sourceMap) });
    finish();
    sendJson(res, 500, { error: "function_failed_to_start", request_id: requestId }, requestId);
    return;
  }

  // Created on first use: abort() builds a DOMException, measurable at hello-world rates.
  let abort: AbortController | null = null;
  let fireTrip: (t: LimitTrip) => void = () => undefined;
  const tripped = new Promise<LimitTrip>((resolve) => (fireTrip = resolve));
  const doTrip = (t: LimitTrip, killIsolate: boolean): void => {
    if (trip) return;
    trip = t;
    if (killIsolate) inst.dispose(t.limit);
    fireTrip(t);
  };
  let subrequests = 0;
  inst.current = {
    log: (level, message) => log(normalizeLevel(level), message),
    takeSubrequest: () => {
      subrequests++;
      if (subrequests <= limits.subrequests) return true;
      // The isolate is replaced: the handler could otherwise keep running after we answered.
      doTrip(limitTrip("subrequests", limits, subrequests), true);
      return false;
    },
    get signal() {
      abort ??= new AbortController();
      return abort.signal;
    },
  };
  const watched: Watched = {
    instance: inst,
    cpuStart: inst.cpuTime(),
    cpuLimitNs: BigInt(limits.cpuMs) * 1_000_000n,
    cpuSeenNs: 0n,
    onCpuExceeded: (ns) => doTrip(limitTrip("cpu", limits, Number(ns / 1000n) / 1000), true),
  };
  deps.watchdog.add(watched);
  const wallTimer = setTimeout(() => doTrip(limitTrip("wall", limits, Date.now() - started), true), limits.wallMs);
  let clientGone = false;
  res.on("close", () => {
    if (!res.writableFinished) clientGone = true;
  });

  /** Waits for isolate work unless a limit fires first; a dead isolate is classified here. */
  const race = async <T>(p: Promise<T>): Promise<T | LimitTrip> => {
    try {
      return await Promise.race([p, tripped]);
    } catch (e) {
      if (trip) return trip;
      if (inst.killedFor === null && isMemoryError(e)) {
        doTrip(limitTrip("memory", limits, limits.memoryMb), true);
        return trip!;
      }
      throw e;
    }
  };
  const isTrip = (v: unknown): v is LimitTrip => v !== null && typeof v === "object" && "limit" in v && "body" in v;
  /** Records the invocation; called right before the last byte of the answer is handed to the socket. */
  const settle = (): void => {
    const cpuNs = inst.disposed ? watched.cpuSeenNs : inst.cpuTime() - watched.cpuStart;
    if (cpuNs > watched.cpuSeenNs) watched.cpuSeenNs = cpuNs;
    finish(Number(watched.cpuSeenNs / 1000n));
  };

  try {
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && (declared > 0 || req.headers["transfer-encoding"] !== undefined);
    const bodyId = hasBody ? inst.addStream(limitedBody(req, limits.requestBodyBytes, (n) => doTrip(limitTrip("requestBody", limits, n), true), bytesIn)) : null;
    const headers: [string, string][] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
    const url = `${(req.headers["x-forwarded-proto"] as string | undefined) === "https" ? "https" : "http"}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
    const result = await race(inst.dispatch({ method: req.method ?? "GET", url, headers, bodyId }, pool.env));
    if (isTrip(result)) throw result;
    if (!result.ok) {
      if (result.name === "RangeError" && isMemoryError(result.message)) throw doTripAndGet(limitTrip("memory", limits, limits.memoryMb));
      uncaught = true;
      status = 500;
      const stack = mapStack(result.stack, fn, fn.sourceMap);
      log("error", `Uncaught ${result.name}: ${result.message}`, { kind: "uncaught", stack, request: { method: req.method, url } });
      settle();
      sendJson(res, 500, { error: "uncaught_exception", request_id: requestId }, requestId);
      return;
    }
    status = result.status;
    for (const [k, v] of result.headers) if (!SKIP_RESPONSE_HEADERS.has(k)) res.appendHeader(k, v);
    res.setHeader("x-request-id", requestId);
    res.statusCode = result.status;
    if (result.statusText) res.statusMessage = result.statusText;
    if (result.streamId === null) {
      const bytes = result.text !== undefined ? Buffer.from(result.text, "utf8") : (result.bytes ?? new Uint8Array(0));
      bytesOut = bytes.length;
      res.setHeader("content-length", bytes.length);
      settle();
      res.end(bytes);
      return;
    }
    await pumpBody(result.streamId);
  } catch (e) {
    if (isTrip(e)) {
      status = e.status;
      log("error", `Limit exceeded: ${e.limit}`, { kind: "limit", limit: e.limit, value: e.value, configured: Object.values(e.body)[1], request: { method: req.method, url: req.url, host: req.headers.host } });
      settle();
      if (!res.headersSent) sendJson(res, e.status, { ...e.body, request_id: requestId }, requestId);
      else res.destroy();
    } else {
      status = 500;
      log("error", `Runtime error: ${e instanceof Error ? e.message : String(e)}`, { kind: "platform" });
      settle();
      if (!res.headersSent) sendJson(res, 500, { error: "internal_error", request_id: requestId }, requestId);
      else res.destroy();
    }
  } finally {
    clearTimeout(wallTimer);
    deps.watchdog.delete(watched);
    (abort as AbortController | null)?.abort();
    settle();
    pool.release(inst);
  }

  function doTripAndGet(t: LimitTrip): LimitTrip {
    doTrip(t, true);
    return trip!;
  }

  async function pumpBody(streamId: number): Promise<void> {
    for (;;) {
      if (clientGone) {
        inst.cancel(streamId);
        return;
      }
      const chunk: Uint8Array | null | DispatchResult | LimitTrip = await race(inst.pull(streamId));
      if (isTrip(chunk)) throw chunk;
      if (chunk === null) break;
      if (!(chunk instanceof Uint8Array)) {
        uncaught = true;
        if (!chunk.ok) log("error", `Uncaught ${chunk.name} while streaming the body: ${chunk.message}`, { kind: "uncaught", stack: mapStack(chunk.stack, fn, fn.sourceMap) });
        res.destroy();
        return;
      }
      bytesOut += chunk.length;
      if (!res.write(chunk)) await drained(res);
    }
    settle();
    res.end();
  }

  /** Once per invocation: a record in the journal is what makes an answered request count. */
  function finish(cpuUs = 0): void {
    if (recorded) return;
    recorded = true;
    const wallUs = Number((process.hrtime.bigint() - t0) / 1000n);
    for (const l of logs) deps.meter.log({ ...l, status });
    deps.meter.record({ tenantId: tenant.tenantId, functionId: fn.functionId, version: fn.version, at: started, status, wallUs, cpuUs, bytesIn: bytesIn.n || declared, bytesOut, error: uncaught, limit: trip?.limit ?? null });
  }
}

/** Waits for the socket to take more data (or to close), removing both listeners afterwards. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function normalizeLevel(level: string): LogEntry["level"] {
  return level === "debug" || level === "info" || level === "warn" || level === "error" ? level : "log";
}

