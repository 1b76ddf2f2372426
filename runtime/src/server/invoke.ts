/**
 * Runs one HTTP request through a function version: acquires an instance, streams the request
 * body in and the response body out chunk by chunk, enforces the tenant's limits, and reports the
 * invocation (metrics + logs). Limit events and uncaught exceptions are the tenant's errors and
 * get their own JSON codes; anything else is an opaque platform 500.
 *
 * The hot path is kept lean on purpose (hello world runs ~10k times a second per worker): one
 * object per request (Invocation, which is also what the watchdog and the bridges see), no
 * per-request timers (the shared watchdog tick checks CPU and wall clock), one crossing into the
 * isolate and one back, and the response head written in one go.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LogEntry, TenantState } from "../protocol/index.ts";
import type { FunctionInstance, InvocationContext, Outcome } from "../isolates/instance.ts";
import type { VersionPool } from "../isolates/pool.ts";
import { mapStack } from "../isolates/stack.ts";
import type { Watched, Watchdog } from "../isolates/watchdog.ts";
import { redactHeaders } from "../metering/redact.ts";
import type { MeterSink } from "../metering/types.ts";
import type { DispatchResult } from "../sandbox/dispatch.ts";
import { NO_STREAM } from "../sandbox/exchange.ts";
import { KILL_COST_US, type TenantGate } from "./fairness.ts";
import { isMemoryError, limitTrip, type LimitTrip } from "./limits.ts";
import { sendJson } from "./respond.ts";

export interface InvokeDeps {
  meter: MeterSink;
  watchdog: Watchdog;
  /** Per-tenant admission (server/fairness.ts); absent for one-off runs such as previews. */
  gate?: TenantGate;
}

const SKIP_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "x-request-id"]);
/** Versions averaging more isolate CPU per request than this go off the host thread for a while. */
const HEAVY_CPU_US = 2000;
/** How long a refusal of a heavy tenant's request is held before it is sent. */
const OVERLOADED_DELAY_MS = 100;

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

const isTrip = (v: unknown): v is LimitTrip => v !== null && typeof v === "object" && "limit" in v && "body" in v;

export function invoke(req: IncomingMessage, res: ServerResponse, tenant: TenantState, pool: VersionPool, requestId: string, deps: InvokeDeps): Promise<void> {
  return new Invocation(req, res, tenant, pool, requestId, deps).run();
}

class Invocation implements Watched, InvocationContext {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #tenant: TenantState;
  readonly #pool: VersionPool;
  readonly #requestId: string;
  readonly #deps: InvokeDeps;
  readonly #started = Date.now();
  readonly #t0 = process.hrtime.bigint();
  readonly #bytesIn = { n: 0 };
  #declared = 0;
  #bytesOut = 0;
  #status = 500;
  #uncaught = false;
  #trip: LimitTrip | null = null;
  #recorded = false;
  /** Time to the answer when waitUntil work outlasted it (the record waits for that work, see #settle). */
  #answeredUs = 0;
  #logs: LogEntry[] | null = null;
  #subrequests = 0;
  // Created on first use: abort() builds a DOMException, measurable at hello-world rates.
  #abort: AbortController | null = null;
  #clientGone = false;
  /** Admitted by the tenant gate (and so must leave it). */
  #gated = false;
  // Watched
  instance!: FunctionInstance;
  cpuStart = 0n;
  cpuLimitNs: bigint;
  cpuSeenNs = 0n;
  wallDeadline: number;

  constructor(req: IncomingMessage, res: ServerResponse, tenant: TenantState, pool: VersionPool, requestId: string, deps: InvokeDeps) {
    this.#req = req;
    this.#res = res;
    this.#tenant = tenant;
    this.#pool = pool;
    this.#requestId = requestId;
    this.#deps = deps;
    this.cpuLimitNs = BigInt(pool.limits.cpuMs) * 1_000_000n;
    this.wallDeadline = this.#started + pool.limits.wallMs;
  }

  async run(): Promise<void> {
    const req = this.#req;
    const pool = this.#pool;
    const limits = pool.limits;
    const cl = req.headers["content-length"];
    this.#declared = cl === undefined ? 0 : Number(cl);
    if (this.#declared > limits.requestBodyBytes) {
      const t = (this.#trip = limitTrip("requestBody", limits, this.#declared));
      this.#status = t.status;
      this.#finish(0);
      this.#answer(() => sendJson(this.#res, t.status, { ...t.body, request_id: this.#requestId }, this.#requestId));
      req.resume();
      return;
    }

    const gate = this.#deps.gate;
    if (gate) {
      const admitted = gate.enter(this.#tenant.tenantId, pool.heavy);
      if (admitted === false) {
        this.#status = 503;
        this.#finish(0);
        req.resume();
        // A noisy neighbour's clients retry at once: answering them a little later keeps their
        // refusals from becoming a load of their own on this thread.
        if (pool.heavy) await new Promise((r) => setTimeout(r, OVERLOADED_DELAY_MS));
        this.#res.setHeader("retry-after", "1");
        this.#answer(() => sendJson(this.#res, 503, { error: "tenant_overloaded", message: "Too many requests for this tenant are running or queued on this node; retry shortly.", request_id: this.#requestId }, this.#requestId));
        return;
      }
      if (admitted !== true) await admitted;
      this.#gated = true;
    }

    let inst: FunctionInstance;
    try {
      if (pool.startError) throw pool.startError;
      inst = pool.take() ?? (await pool.acquire());
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.#uncaught = true;
      this.#status = 500;
      const fn = pool.fn;
      this.#log("error", `Function failed to start: ${err.message}`, { kind: "startup", stack: mapStack(err.stack ?? err.message, fn, fn.sourceMap) });
      this.#finish(0);
      this.#answer(() => sendJson(this.#res, 500, { error: "function_failed_to_start", request_id: this.#requestId }, this.#requestId));
      return;
    }
    this.instance = inst;
    inst.current = this;
    this.cpuStart = inst.cpuTime();
    this.#deps.watchdog.add(this);
    try {
      try {
        await this.#serve(inst);
      } catch (e) {
        this.#fail(e);
      }
      // waitUntil work: the answer is out, but the invocation (and its isolate) lasts until it settles.
      const hold = inst.holding;
      if (hold) await this.#outlast(hold);
    } finally {
      this.#deps.watchdog.delete(this);
      this.#abort?.abort();
      this.#settle();
      pool.release(inst);
    }
  }

  async #serve(inst: FunctionInstance): Promise<void> {
    const req = this.#req;
    const limits = this.#pool.limits;
    const method = req.method ?? "GET";
    const hasBody = method !== "GET" && method !== "HEAD" && (this.#declared > 0 || req.headers["transfer-encoding"] !== undefined);
    const bodyId = hasBody ? inst.addStream(limitedBody(req, limits.requestBodyBytes, (n) => this.#doTrip(limitTrip("requestBody", limits, n)), this.#bytesIn)) : -1;
    const url = `${req.headers["x-forwarded-proto"] === "https" ? "https" : "http"}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
    let outcome: Outcome;
    try {
      outcome = await inst.dispatch(method, url, req.rawHeaders.join("\n"), bodyId, this.#pool.inlineMs());
    } catch (e) {
      throw this.#classify(e);
    }
    // The watchdog only looks between its ticks, and never while a request runs inline on this
    // thread: a handler that answered within one slice but used more CPU than its limit is
    // stopped here, before its answer goes out.
    const used = inst.cpuTime() - this.cpuStart;
    if (used > this.cpuLimitNs) throw this.#doTrip(limitTrip("cpu", limits, Number(used / 1000n) / 1000));
    if (!outcome.ok) {
      if (outcome.name === "RangeError" && isMemoryError(outcome.message)) throw this.#doTrip(limitTrip("memory", limits, limits.memoryMb));
      this.#uncaught = true;
      this.#status = 500;
      const fn = this.#pool.fn;
      this.#log("error", `Uncaught ${outcome.name}: ${outcome.message}`, { kind: "uncaught", stack: mapStack(outcome.stack, fn, fn.sourceMap), request: { method, url } });
      this.#settle();
      this.#answer(() => sendJson(this.#res, 500, { error: "uncaught_exception", request_id: this.#requestId }, this.#requestId));
      return;
    }
    const res = this.#res;
    this.#status = outcome.status;
    const head: string[] = [];
    if (outcome.headers !== "") {
      const parts = outcome.headers.split("\n");
      for (let i = 0; i + 1 < parts.length; i += 2) if (!SKIP_RESPONSE_HEADERS.has(parts[i]!)) head.push(parts[i]!, parts[i + 1]!);
    }
    head.push("x-request-id", this.#requestId);
    if (outcome.streamId === NO_STREAM) {
      const body = outcome.body;
      const length = body === null ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
      head.push("content-length", String(length));
      this.#bytesOut = length;
      if (outcome.statusText) res.writeHead(outcome.status, outcome.statusText, head);
      else res.writeHead(outcome.status, head);
      this.#settle();
      this.#answer(body === null ? () => res.end() : () => res.end(body));
      return;
    }
    if (outcome.statusText) res.writeHead(outcome.status, outcome.statusText, head);
    else res.writeHead(outcome.status, head);
    await this.#pumpBody(inst, outcome.streamId);
  }

  async #pumpBody(inst: FunctionInstance, streamId: number): Promise<void> {
    const res = this.#res;
    res.on("close", () => {
      if (!res.writableFinished) this.#clientGone = true;
    });
    for (;;) {
      if (this.#clientGone) {
        inst.cancel(streamId);
        return;
      }
      let chunk: Uint8Array | null | DispatchResult;
      try {
        chunk = await inst.pull(streamId);
      } catch (e) {
        throw this.#classify(e);
      }
      if (this.#trip) throw this.#trip;
      if (chunk === null) break;
      if (!(chunk instanceof Uint8Array)) {
        this.#uncaught = true;
        const fn = this.#pool.fn;
        if (!chunk.ok) this.#log("error", `Uncaught ${chunk.name} while streaming the body: ${chunk.message}`, { kind: "uncaught", stack: mapStack(chunk.stack, fn, fn.sourceMap) });
        res.destroy();
        return;
      }
      this.#bytesOut += chunk.length;
      // A client that went away while we were pulling: 'close' has fired already, so waiting
      // for 'drain' or 'close' would wait forever.
      if (!res.write(chunk) && !this.#clientGone && !res.destroyed) await drained(res);
    }
    this.#settle();
    this.#answer(() => res.end());
  }

  /**
   * Waits for the request's waitUntil work, still under the watchdog: its CPU counts toward the
   * request's limit, and past the wall clock the isolate is disposed (which settles `hold`).
   */
  async #outlast(hold: Promise<void>): Promise<void> {
    await hold;
    const t = this.#trip;
    if (t) this.#logLimit(t);
    this.#settle();
  }

  /** What a failed crossing means: a limit we tripped, the isolate running out of memory, or ours. */
  #classify(e: unknown): unknown {
    if (this.#trip) return this.#trip;
    const limits = this.#pool.limits;
    const inst = this.instance;
    if (inst.killedFor === null && (isMemoryError(e) || (inst.disposed && !/timed out/i.test(String(e))))) return this.#doTrip(limitTrip("memory", limits, limits.memoryMb));
    // The inline slice ran out of its time budget (isolated-vm's own timeout, in wall time).
    if (/Script execution timed out/i.test(e instanceof Error ? e.message : String(e))) {
      const used = inst.cpuTime() - this.cpuStart;
      if (used * 10n >= this.cpuLimitNs * 9n) return this.#doTrip(limitTrip("cpu", limits, Number(used / 1000n) / 1000));
      // Not the tenant's CPU: this thread was descheduled (an overloaded machine). The handler
      // was cut off in an unknown state, so the isolate goes, but the tenant is not blamed.
      inst.dispose("stalled");
      return new Error(`host thread stalled while the request ran inline (${Number(used / 1000n) / 1000} ms of CPU)`);
    }
    return e;
  }

  #fail(e: unknown): void {
    const res = this.#res;
    if (isTrip(e)) {
      this.#status = e.status;
      this.#logLimit(e);
      this.#settle();
      if (!res.headersSent) this.#answer(() => sendJson(res, e.status, { ...e.body, request_id: this.#requestId }, this.#requestId));
      else res.destroy();
    } else {
      this.#status = 500;
      this.#log("error", `Runtime error: ${e instanceof Error ? e.message : String(e)}`, { kind: "platform" });
      this.#settle();
      if (!res.headersSent) this.#answer(() => sendJson(res, 500, { error: "internal_error", request_id: this.#requestId }, this.#requestId));
      else res.destroy();
    }
  }

  /** Which limit, its configured value and what was measured, and the request (credentials redacted). */
  #logLimit(e: LimitTrip): void {
    const req = this.#req;
    this.#log("error", `Limit exceeded: ${e.limit} (limit ${Object.values(e.body)[1]}, measured ${e.value})`, { kind: "limit", limit: e.limit, value: e.value, configured: Object.values(e.body)[1], request: { method: req.method, url: req.url, host: req.headers.host, headers: redactHeaders(req.rawHeaders) } });
  }

  /** Trips a limit once: the isolate is replaced, so abandoned work never keeps running. */
  #doTrip(t: LimitTrip): LimitTrip {
    if (this.#trip) return this.#trip;
    this.#trip = t;
    if (t.limit === "cpu" || t.limit === "memory") this.#pool.markHeavy();
    this.instance.dispose(t.limit);
    return t;
  }

  // Watched (called by the shared watchdog tick)
  onCpuExceeded(ns: bigint): void {
    this.#doTrip(limitTrip("cpu", this.#pool.limits, Number(ns / 1000n) / 1000));
  }
  onWallExceeded(): void {
    this.#doTrip(limitTrip("wall", this.#pool.limits, Date.now() - this.#started));
  }
  /** The isolate went away under us without a limit of ours: V8 stopped it for memory. */
  onDisposed(): void {
    if (this.#trip || this.instance.killedFor !== null) return;
    const limits = this.#pool.limits;
    this.#doTrip(limitTrip("memory", limits, limits.memoryMb));
  }

  // InvocationContext (called by the bridges)
  log(level: string, message: string): void {
    this.#log(normalizeLevel(level), message);
  }
  takeSubrequest(): boolean {
    this.#subrequests++;
    if (this.#subrequests <= this.#pool.limits.subrequests) return true;
    // The isolate is replaced: the handler could otherwise keep running after we answered.
    this.#doTrip(limitTrip("subrequests", this.#pool.limits, this.#subrequests));
    return false;
  }
  waitUntilRejected(name: string, message: string, stack: string): void {
    const fn = this.#pool.fn;
    this.#log("error", `Uncaught (in waitUntil) ${name}: ${message}`, { kind: "waitUntil", stack: mapStack(stack, fn, fn.sourceMap) });
  }
  get signal(): AbortSignal {
    this.#abort ??= new AbortController();
    return this.#abort.signal;
  }

  #log(level: LogEntry["level"], message: string, details: Record<string, unknown> | null = null): void {
    const fn = this.#pool.fn;
    const entry: LogEntry = { tenantId: fn.tenantId, functionId: fn.functionId, version: fn.version, requestId: this.#requestId, at: new Date().toISOString(), level, message, status: null, details };
    // A line that arrived after the invocation was recorded (handed over without a wait, see
    // HostBridge.logLater) goes with the next record the sink writes.
    if (this.#recorded) this.#deps.meter.log({ ...entry, status: this.#status });
    else (this.#logs ??= []).push(entry);
  }

  /**
   * Records the invocation; called right before the last byte of the answer is handed to the
   * socket. With waitUntil work outstanding, the record waits for it (#outlast): its CPU, console
   * lines and limit events belong to this request; the wall time stays the time to the answer.
   */
  #settle(): void {
    if (this.#recorded) return;
    const inst = this.instance;
    // A disposed isolate reads 0 (below cpuStart): its CPU is what the watchdog last saw.
    const cpuNs = inst.cpuTime() - this.cpuStart;
    if (cpuNs > this.cpuSeenNs) this.cpuSeenNs = cpuNs;
    if (inst.holding !== null) {
      this.#answeredUs ||= Number((process.hrtime.bigint() - this.#t0) / 1000n);
      return;
    }
    this.#finish(Number(this.cpuSeenNs / 1000n));
  }

  /** Once per invocation: a record in the journal is what makes an answered request count. */
  #finish(cpuUs: number): void {
    if (this.#recorded) return;
    this.#recorded = true;
    if (this.instance && this.instance.served++ > 0) this.#pool.observeCpu(cpuUs, HEAVY_CPU_US);
    const killed = this.#trip?.limit === "cpu" || this.#trip?.limit === "memory";
    if (this.#gated) this.#deps.gate!.leave(this.#tenant.tenantId, killed ? cpuUs + KILL_COST_US : cpuUs);
    const fn = this.#pool.fn;
    const wallUs = this.#answeredUs || Number((process.hrtime.bigint() - this.#t0) / 1000n);
    if (this.#logs) for (const l of this.#logs) this.#deps.meter.log({ ...l, status: this.#status });
    this.#deps.meter.record({
      tenantId: this.#tenant.tenantId,
      functionId: fn.functionId,
      version: fn.version,
      at: this.#started,
      status: this.#status,
      wallUs,
      cpuUs,
      bytesIn: this.#bytesIn.n || this.#declared,
      bytesOut: this.#bytesOut,
      error: this.#uncaught,
      limit: this.#trip?.limit ?? null,
    });
  }

  /**
   * Answers the request: at once, or, when the record was just batched by a journal that writes
   * once per event-loop turn, right after that write (the answer never precedes its record).
   */
  #answer(send: () => void): void {
    const sink = this.#deps.meter;
    if (this.#recorded && sink.afterWrite) sink.afterWrite(send);
    else send();
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

/** A console method's name as a log level (anything unknown is "log"). */
export function normalizeLevel(level: string): LogEntry["level"] {
  return level === "debug" || level === "info" || level === "warn" || level === "error" ? level : "log";
}
