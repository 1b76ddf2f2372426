/**
 * One isolate running one function version. Host capabilities enter only as ivm.Callback /
 * ivm.Reference wrappers around small host functions that receive and return copied plain data;
 * no host object is ever handed to tenant code. Every Reference is released on dispose.
 */
import crypto from "node:crypto";
import v8 from "node:v8";
import ivm from "isolated-vm";
import type { FunctionState } from "../protocol/index.ts";
import { hostFetch, type EgressOptions, type FetchInput } from "../bridges/fetch.ts";
import { HostStreams } from "../bridges/streams.ts";
import { parseUrl } from "../bridges/url.ts";
import type { DispatchResult } from "../sandbox/dispatch.ts";
import { ABANDONED, CLAIMED, CLOSED, DONE, EXCHANGE_BYTES, EXCHANGE_DATA, EXCHANGE_UNITS, HOST_BODY, hostBodyOf, MAX_WINDOW_ID, SAME_HEADERS, X_BODY, X_HEADERS, X_STATE, X_STATUS, X_STATUS_TEXT } from "../sandbox/exchange.ts";
import { HostKeys } from "../bridges/crypto.ts";
import { legacyDecode } from "../bridges/encoding.ts";
import { libScript, newPreludeIsolate, preludeContext } from "./prelude.ts";
import { MODULE_FILENAME } from "./stack.ts";

/** What the bridges need from the request currently running in the instance. */
export interface InvocationContext {
  log(level: string, message: string): void;
  /** Counts one subrequest; false when the limit is exceeded (the invocation is then tripped). */
  takeSubrequest(): boolean;
  signal: AbortSignal;
  /** A promise passed to waitUntil rejected (the isolate's own name, message and stack). */
  waitUntilRejected(name: string, message: string, stack: string): void;
}

export interface InstanceOptions {
  memoryMb: number;
  /** Wall-time budget for evaluating the module's top level. */
  startupMs: number;
  egress: EgressOptions;
  /** Per-version compile cache, filled by the first instance (our own output only). */
  cache: { module?: ivm.ExternalCopy<ArrayBuffer> };
  /** The version's env (vars and opened secrets), handed to the isolate once. */
  env: Record<string, string>;
  /** Receives the module's console lines while its top level runs (no request is current then). */
  onStartupLog?: (level: string, message: string) => void;
}

/** What a request's handler produced (or threw), as the host sees it. */
export type Outcome =
  | { ok: true; status: number; statusText: string; /** "name\nvalue\n..." */ headers: string; body: string | Uint8Array | null; streamId: number }
  | { ok: false; name: string; message: string; stack: string };

/**
 * Runs before tenant code. APIs whose callbacks V8 schedules as tasks of their own (outside any
 * call we make) report their first use through `mark`: from then on the isolate may be running
 * on isolated-vm's threads when we want it, so it is never entered synchronously again.
 * Reflect.apply is captured here so tenant code cannot intercept the originals later.
 */
const GUARD = `(function (mark) {
  const apply = Reflect.apply;
  const wrap = (obj, name) => {
    const orig = obj && obj[name];
    if (typeof orig !== "function") return;
    Object.defineProperty(obj, name, { value: { [name](...args) { mark(); return apply(orig, this, args); } }[name], writable: true, configurable: true, enumerable: false });
  };
  if (typeof FinalizationRegistry === "function") wrap(FinalizationRegistry.prototype, "register");
  if (typeof WebAssembly === "object") for (const n of ["compile", "instantiate", "compileStreaming", "instantiateStreaming"]) wrap(WebAssembly, n);
  if (typeof Atomics === "object") wrap(Atomics, "waitAsync");
})`;

/** The rehearsal's request headers (Node's rawHeaders joined with "\n", as dispatch takes them). */
const REHEARSAL_HEADERS = "host\nwarm.invalid\nuser-agent\ncurl/8\naccept\n*/*";
const PRELUDE_ENTRY_POINTS = ["__edgeInit", "__edgeDispatch", "__edgePull", "__edgeCancel", "__edgeSetModule", "__edgeSetLib"];
const COPY = { arguments: { copy: true }, result: { promise: true, copy: true } } as const;

/**
 * Runs once in each blank isolate, before any tenant code: the first call of each prelude
 * function pays for its lazy compilation (the snapshot holds the prelude's objects, not compiled
 * code), and that should happen here, off any request, rather than in a tenant's first request.
 * Returns `standIn(on)`, which sets (or clears) a stand-in module of ours (never the tenant's):
 * #boot, once the guard is in place, sends one whole request through it, entering the isolate the
 * way requests do (the dispatch reference, from the host thread), so the first request after a
 * deploy finds the request path compiled and its feedback allocated. Before the guard it would be
 * wasted (the guard redefines built-ins, and what V8 learned about the path no longer holds).
 * Measured with hello world (in-process, bench/first-request.ts: fresh instances, 60 ms idle
 * before the request): the first request's isolate time went from ~690 to ~400 µs with a
 * rehearsal inside the isolate, against ~230 µs for a warm instance after the same idle, for
 * +0.006 MB per isolate; entering through the dispatch reference instead took the gap from
 * ~73 to ~40-60 µs (three pairs, with feedback allocated eagerly). A second rehearsal moves a
 * Sparkplug batch compile (~70 µs) onto the first real request instead of the second; more cost
 * memory (V8 touches more of the new space).
 */
const WARM_UP = `(() => {
  const h = new Headers([["content-type", "text/plain"], ["x-a", "b"]]);
  h.get("content-type"); h.has("x-a"); h.set("x-a", "c"); [...h];
  const r = new Response("warm", { status: 200, headers: { "content-type": "text/plain" } });
  r.headers.get("content-type"); r.headers._list(); r.headers._flat();
  Response.json({ warm: true });
  new Response(new Uint8Array(4));
  new TextEncoder().encode("warm"); new TextDecoder().decode(new Uint8Array([119]));
  new URL("http://warm.invalid/a?b=c").searchParams.get("b");
  // The request path itself, up to "no fetch handler" (no module yet; the outcome goes nowhere).
  const setModule = __edgeSetModule, noop = () => {};
  __edgeDispatch(0, "GET", "http://warm.invalid/", ${JSON.stringify(REHEARSAL_HEADERS)}, -1);
  const standIn = { default: { async fetch(request) { request.url; request.headers.get("host"); return new Response("warm"); } } };
  // Off again, no module: the tenant's replaces it in #load (setModule clears a missing handler).
  return (on) => setModule(on ? standIn : {}, {}, noop, noop, noop);
})()`;

/**
 * isolated-vm arms a timer for every call with a `timeout`, and its timer thread wakes at each
 * timer's deadline even when the call returned long before (one wake-up per inline request,
 * ~25 µs of that thread's CPU on this machine at hello-world rates). Shortening each budget to
 * end on a shared 50 ms grid (of the monotonic clock, which isolated-vm's steady_clock also
 * reads) makes the deadlines of all requests started within one grid step fall within the same
 * millisecond, so the thread wakes a few times per step instead of once per request. The budget
 * shrinks by less than 50 ms: inlineMs is at least 200 ms and 4x the CPU limit.
 */
const DEADLINE_GRID_MS = 50;

/** A console line, error message or stack from the isolate, cut to the length the host keeps. */
const clip = (text: unknown): string => String(text).slice(0, 16_384);
const gridTimeout = (ms: number): number => Math.max(1, ms - (Math.floor(performance.now()) % DEADLINE_GRID_MS));

/**
 * Modules shorter than this are compiled whole, every function at once, and get no code cache;
 * larger bundles (frameworks) compile lazily, as V8 does by default, and keep a code cache so an
 * evicted function comes back without compiling them again.
 * - V8 compiles a function the first time it is called, so a lazily compiled handler is compiled
 *   inside the first request after a deploy. Measured with hello world (tmp harness, 40 fresh
 *   instances, 60 ms idle before the request), that request's isolate time went from ~530 µs to
 *   ~410 µs, against ~280 µs for a warm instance after the same idle; through the cluster
 *   (bench:runtime's method), from +0.30 ms over the same-idle control to about +0.06 ms.
 * - The cost is the bytecode of functions never called: +26 KB for 13 K characters of uncalled
 *   code, +0.004 MB per hello world isolate (noise).
 * - Producing a code cache costs ~0.1 MB per live function for modules this small, for nothing:
 *   they compile in well under a millisecond.
 */
const SMALL_MODULE_CHARS = 16 * 1024;

/**
 * Runs `compile` with V8's lazy compilation turned off. V8 reads the flag as it parses, and this
 * is the only synchronous stretch that has it off; isolated-vm's threads running other isolates
 * meanwhile would at worst compile a function whole, which changes no behaviour. Node starts
 * with the flag on (`--lazy`), and it is set back on here.
 */
function compileWhole<T>(compile: () => T): T {
  v8.setFlagsFromString("--no-lazy");
  try {
    return compile();
  } finally {
    v8.setFlagsFromString("--lazy");
  }
}

/** Blank isolates (prelude + bridges, no tenant code yet) ready for the next instance, by memory limit. */
const spares = new Map<string, Promise<FunctionInstance>[]>();
/**
 * Blank isolates kept ready per (memory limit, egress policy) that was asked for recently. Two:
 * a deploy's startup check (preview/run-preview.ts) and the deploy's own instance each take one
 * within milliseconds; with one, the second often made its blank on the spot (bench:deploy: the
 * check's isolate took 4-15 ms instead of 0.4 ms in half the rounds). ~2 MB per worker.
 */
const SPARES = 2;
const REFILL_DELAY_MS = 20;

export class FunctionInstance {
  /** The version this isolate runs; set by #load (a blank isolate has none yet). */
  fn!: FunctionState;
  readonly isolate: ivm.Isolate;
  current: InvocationContext | null = null;
  /** Where console lines go while the module's top level runs (InstanceOptions.onStartupLog). */
  #startupLog: ((level: string, message: string) => void) | null = null;
  /** Why we disposed it, so a dying isolate's errors are reported as the right limit. */
  killedFor: string | null = null;
  readonly createdAt = Date.now();
  lastUsed = Date.now();
  readonly #streams = new HostStreams();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #refs: ivm.Reference[] = [];
  readonly #keys = new HostKeys();
  readonly #fetches = new Map<number, AbortController>();
  readonly #fromSnapshot: boolean;
  #heapBytes = 0;
  /** Set when the heap crept near the limit: the pool replaces it instead of reusing it. */
  recycle = false;
  /** When the pool last measured the heap (see VersionPool.release). */
  heapCheckedAt = 0;
  /** Requests served; the first runs cold (lazy compilation) and is not a measure of the code. */
  served = 0;
  /** cpuTime when the last request ended (threaded instances; see VersionPool.stopRunaways). */
  cpuAtRelease = 0n;
  #context: ivm.Context | null = null;
  #dispatch: ivm.Reference | null = null;
  #pull: ivm.Reference | null = null;
  #cancel: ivm.Reference | null = null;
  /**
   * False while the isolate only ever ran inside our own calls, so it is idle between requests
   * and may be entered synchronously on the host thread (dispatchInline). Set for good once it
   * may have work of its own (an async host call, a timer, a GC or wasm callback): entering it
   * synchronously could then wait on tenant code running on another thread, with no limit.
   */
  threaded = false;
  #seq = 0;
  /** The last two requests dispatched here and their invocations (see #servedBy). */
  #lastId = 0;
  #lastCtx: InvocationContext | null = null;
  #prevId = 0;
  #prevCtx: InvocationContext | null = null;
  /** Answers that came back through the answer window rather than the respond callback. */
  windowed = 0;
  /** The answer window's int32 slots and, over the same buffer, its strings (sandbox/exchange.ts). */
  readonly #window = new Int32Array(new SharedArrayBuffer(EXCHANGE_BYTES), 0, EXCHANGE_DATA / 4);
  readonly #windowText = Buffer.from(this.#window.buffer);
  /** The headers of the last answer taken from the window (the prelude sends SAME_HEADERS for these). */
  #lastHeaders: string | null = null;
  #waiting: { id: number; resolve: (o: Outcome) => void; reject: (e: unknown) => void } | null = null;
  /** waitUntil work of the current request: settles when it all has, or when the isolate goes. */
  #hold: { done: Promise<void>; resolve: () => void } | null = null;

  private constructor(memoryMb: number) {
    const { isolate, fromSnapshot } = newPreludeIsolate(memoryMb);
    this.isolate = isolate;
    this.#fromSnapshot = fromSnapshot;
    this.#memoryBytes = memoryMb * 1024 * 1024;
  }

  /** The isolate's memory limit: a body the host buffers for it (an upload passed on) stays under it too. */
  readonly #memoryBytes: number;

  /**
   * Creates an instance of `fn`: takes a blank isolate made in advance (or makes one), then
   * compiles and evaluates the tenant module in it. A replacement blank is started in the
   * background, so a function coming back after eviction pays only for its own module (~1 ms).
   */
  static async create(fn: FunctionState, opts: InstanceOptions): Promise<FunctionInstance> {
    const key = `${opts.memoryMb}|${opts.egress.allowPrivate}`;
    const ready = spares.get(key) ?? [];
    spares.set(key, ready);
    const next = ready.shift();
    // Refill a little later: restoring an isolate from the snapshot holds the host thread for a
    // few ms, which should not land on this request or on the one right after it.
    const refill = (): void => {
      while (ready.length < SPARES) {
        const p = FunctionInstance.#blank(opts);
        p.catch(() => ready.splice(ready.indexOf(p) >>> 0, 1));
        ready.push(p);
      }
    };
    let inst: FunctionInstance | null = null;
    try {
      inst = next ? await next.catch(() => FunctionInstance.#blank(opts)) : await FunctionInstance.#blank(opts);
      await inst.#load(fn, opts);
      return inst;
    } catch (e) {
      inst?.dispose();
      throw e;
    } finally {
      setTimeout(refill, REFILL_DELAY_MS).unref();
    }
  }

  /** Drops the blank isolates kept for future instances (process shutdown, tests). */
  static disposeSpares(): void {
    for (const ready of spares.values()) for (const p of ready.splice(0)) void p.then((i) => i.dispose(), () => undefined);
  }

  static async #blank(opts: InstanceOptions): Promise<FunctionInstance> {
    const inst = new FunctionInstance(opts.memoryMb);
    try {
      await inst.#boot(opts);
      return inst;
    } catch (e) {
      inst.dispose();
      throw e;
    }
  }

  async #boot(opts: InstanceOptions): Promise<void> {
    // The prelude comes from the snapshot; bridges are attached afterwards, by __edgeInit.
    const context = await preludeContext(this.isolate, this.#fromSnapshot);
    this.#context = context;
    const g = context.global;
    const get = async (name: string): Promise<ivm.Reference> => {
      const ref = await g.get(name, { reference: true });
      this.#refs.push(ref);
      return ref;
    };
    const init = await get("__edgeInit");
    this.#dispatch = await get("__edgeDispatch");
    this.#pull = await get("__edgePull");
    this.#cancel = await get("__edgeCancel");
    const setModule = await get("__edgeSetModule");
    this.#setLib = await get("__edgeSetLib");
    // Every async bridge marks the instance threaded when called: its continuation will run on
    // isolated-vm's threads, on its own schedule.
    const bridges = this.#bridges(opts.egress).map((b) => {
      if (!(b instanceof ivm.Reference)) return b;
      const fn = b.deref() as (...args: unknown[]) => unknown;
      b.release();
      return new ivm.Reference((...args: unknown[]) => {
        this.threaded = true;
        return fn(...args);
      });
    });
    this.#refs.push(...bridges.filter((b): b is ivm.Reference => b instanceof ivm.Reference));
    await init.apply(undefined, [...bridges, new ivm.ExternalCopy(this.#window.buffer).copyInto({ release: true })]);
    // On this thread, where requests will run inline: the first entry from a thread costs extra.
    const standIn = context.evalSync(WARM_UP, { timeout: 2000, reference: true }) as ivm.Reference<(on: boolean) => void>;
    for (const name of PRELUDE_ENTRY_POINTS) await g.delete(name);
    const guard = await context.eval(GUARD, { reference: true });
    await guard.apply(undefined, [new ivm.Callback(() => void (this.threaded = true))]);
    guard.release();
    // The rehearsal. Its answer (to nobody) goes through the answer window, which warms the
    // host's side too.
    standIn.applySync(undefined, [true], { timeout: 2000 });
    const id = this.#nextId();
    this.#openWindow(id);
    this.#dispatch!.applySync(undefined, [id, "GET", "http://warm.invalid/", REHEARSAL_HEADERS, -1], { timeout: 2000 });
    this.#closeWindow(id);
    standIn.applySync(undefined, [false], { timeout: 2000 });
    standIn.release();
    this.#setModule = setModule;
  }

  #setModule: ivm.Reference | null = null;
  #setLib: ivm.Reference | null = null;
  /** Libraries loaded into this isolate (sandbox/libs.ts). */
  readonly #libs = new Set<string>();

  /**
   * Compiles a library into the isolate and hands its exports to the prelude: called from inside
   * the isolate (a synchronous bridge), on whichever thread runs it, the first time a function
   * uses the library. Its compile and run count toward the request's CPU time.
   */
  #loadLib(name: string): void {
    if (this.#libs.has(name)) return;
    const lib = libScript(name);
    const script = this.isolate.compileScriptSync(lib.code, { filename: `edge-${name}.js`, cachedData: lib.cachedData, produceCachedData: lib.cachedData === undefined });
    const produced = (script as ivm.Script & ivm.CachedDataResult).cachedData;
    if (!lib.cachedData && produced) lib.cachedData = produced;
    try {
      const exports = script.runSync(this.#context!, { reference: true, timeout: 5000 }) as ivm.Reference;
      this.#setLib!.applySync(undefined, [name, exports.derefInto()]);
      exports.release();
      this.#libs.add(name);
    } finally {
      script.release();
    }
  }

  /** Loads the tenant module into this blank isolate and hands its namespace to the prelude. */
  async #load(fn: FunctionState, opts: InstanceOptions): Promise<void> {
    this.fn = fn;
    const context = this.#context!;
    const setModule = this.#setModule!;
    // Our own work on an isolate nobody else uses yet: synchronous, no thread hops.
    const mod =
      fn.code.length < SMALL_MODULE_CHARS
        ? compileWhole(() => this.isolate.compileModuleSync(fn.code, { filename: MODULE_FILENAME }))
        : this.isolate.compileModuleSync(fn.code, { filename: MODULE_FILENAME, cachedData: opts.cache.module, produceCachedData: opts.cache.module === undefined });
    const produced = (mod as ivm.Module & ivm.CachedDataResult).cachedData;
    if (!opts.cache.module && produced) opts.cache.module = produced;
    mod.instantiateSync(context, (specifier) => {
      throw new Error(`import "${specifier}" is not available: dependencies are bundled at deploy time`);
    });
    // Tenant code: on isolated-vm's thread, so a slow top level never holds the host thread.
    this.#startupLog = opts.onStartupLog ?? null;
    try {
      await mod.evaluate({ timeout: opts.startupMs });
    } finally {
      this.#startupLog = null;
    }
    const respond = new ivm.Callback((id: number, status: number, statusText: string, headers: string, body: string | Uint8Array | null, streamId: number) =>
      this.#settle(id, { ok: true, status, statusText, headers: String(headers), body, streamId }),
    );
    const fail = new ivm.Callback((id: number, name: string, message: string, stack: string) => this.#settle(id, { ok: false, name: String(name), message: String(message), stack: String(stack) }));
    const wait = new ivm.Callback((id: number, state: number, name: string, message: string, stack: string) => this.#onWait(Number(id), Number(state), String(name), String(message), String(stack)));
    const args = [mod.namespace.derefInto(), new ivm.ExternalCopy(opts.env).copyInto({ release: true }), respond, fail, wait];
    // eslint-disable-next-line prefer-spread -- ivm.Reference#apply calls into the isolate; it is not Function#apply
    if (this.threaded) await setModule.apply(undefined, args);
    else setModule.applySync(undefined, args, { timeout: 1000 });
    mod.release();
  }

  /** The host functions the prelude wraps into Web APIs. Order matches sandbox/index.ts init(). */
  #bridges(egress: EgressOptions): (ivm.Callback | ivm.Reference)[] {
    const log = new ivm.Callback((level: string, message: string) => {
      const line = clip(message);
      if (this.current) this.current.log(String(level), line);
      else this.#startupLog?.(String(level), line);
    });
    // Not waited for (see HostBridge.logLater): runs later, in order with the other callbacks.
    const logLater = new ivm.Callback(
      (level: string, message: string, id: number) => {
        const ctx = this.#servedBy(Number(id));
        if (ctx) ctx.log(String(level), clip(message));
      },
      { ignored: true },
    );
    const random = new ivm.Callback((n: number) => new Uint8Array(crypto.randomBytes(Math.min(Math.max(0, n | 0), 65_536))));
    const url = new ivm.Callback((input: string, base: string | undefined) => parseUrl(String(input), base === undefined ? undefined : String(base)));
    const fetch = new ivm.Reference(async (input: FetchInput & { id: number }) => {
      const ctx = this.current;
      if (!ctx) return { error: "fetch is only available while handling a request" };
      if (!ctx.takeSubrequest()) return { error: "Too many subrequests" };
      // One controller per fetch so the tenant's AbortSignal can cancel it (see abortFetch).
      const id = Number(input.id);
      const abort = new AbortController();
      this.#fetches.set(id, abort);
      try {
        // An upload the function passed on untouched (the request's own body): read here, not
        // through the isolate.
        const hostId = input.bodyHostId === undefined ? -1 : Number(input.bodyHostId);
        if (hostId >= 0) {
          const bytes = await this.#streams.readAll(hostId, this.#memoryBytes);
          if (!(bytes instanceof Uint8Array)) return { error: `The request body could not be read: ${bytes.error}` };
          input = { ...input, body: bytes };
        }
        const { body, ...rest } = await hostFetch(input, egress, AbortSignal.any([ctx.signal, abort.signal]));
        return { ...rest, bodyId: body ? this.#streams.add(body) : null };
      } finally {
        this.#fetches.delete(id);
      }
    });
    const read = new ivm.Reference((id: number) => this.#streams.read(Number(id)));
    const cancel = new ivm.Callback((id: number) => this.#streams.cancel(Number(id)));
    const sleep = new ivm.Reference(
      (ms: number) =>
        new Promise<null>((resolve) => {
          const t = setTimeout(() => {
            this.#timers.delete(t);
            resolve(null);
          }, Number(ms));
          this.#timers.add(t);
        }),
    );
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const decode = new ivm.Callback((bytes: Uint8Array) => decoder.decode(bytes));
    const subtle = new ivm.Reference((op: string, args: unknown) => this.#keys.run(String(op), args));
    const releaseKey = new ivm.Callback((handle: number) => this.#keys.release(Number(handle)));
    const abortFetch = new ivm.Callback((id: number) => this.#fetches.get(Number(id))?.abort());
    const legacy = new ivm.Callback((label: string, bytes: Uint8Array | null, fatal: boolean) => legacyDecode(String(label), bytes, Boolean(fatal)));
    const loadLib = new ivm.Callback((name: string) => this.#loadLib(String(name)));
    return [log, logLater, random, url, fetch, read, cancel, sleep, decode, subtle, releaseKey, abortFetch, legacy, loadLib];
  }

  /** Host-side stream for the request body, readable from the isolate by id. */
  addStream(source: AsyncIterable<Uint8Array>): number {
    return this.#streams.add(source);
  }

  /**
   * Runs the handler for one request; resolves with the response head (and a small body) or the
   * uncaught error. `headers` is Node's rawHeaders joined with "\n"; bodyId is -1 without a body.
   * With `inlineMs` (only for an instance that is not `threaded`), the first slice of the handler
   * runs right here on the host thread, bounded by that many ms, which saves two thread hops per
   * request; a handler that settles within it has answered before this returns. Otherwise the
   * call is queued to isolated-vm's threads.
   */
  dispatch(method: string, url: string, headers: string, bodyId: number, inlineMs: number | null): Promise<Outcome> {
    const id = this.#nextId();
    if (this.current) {
      this.#prevId = this.#lastId;
      this.#prevCtx = this.#lastCtx;
      this.#lastId = id;
      this.#lastCtx = this.current;
    }
    const done = new Promise<Outcome>((resolve, reject) => (this.#waiting = { id, resolve, reject }));
    const args = [id, method, url, headers, bodyId];
    if (inlineMs !== null && !this.threaded) {
      this.#openWindow(id);
      try {
        this.#dispatch!.applySync(undefined, args, { timeout: gridTimeout(inlineMs) });
      } catch (e) {
        this.interrupt(e);
      }
      this.#closeWindow(id);
    } else {
      // eslint-disable-next-line prefer-spread -- ivm.Reference#apply calls into the isolate; it is not Function#apply
      this.#dispatch!.apply(undefined, args).catch((e: unknown) => this.interrupt(e));
    }
    return done;
  }

  /**
   * The invocation that request `id` belongs to, among the last two this isolate served: a line
   * handed over without a wait (logLater) may arrive after its request was released, even after
   * the next one started. Lines of an older request (its timers, long after) are not kept.
   */
  #servedBy(id: number): InvocationContext | null {
    return id === this.#lastId ? this.#lastCtx : id === this.#prevId ? this.#prevCtx : null;
  }

  /** Request ids are positive int32s (the answer window holds them); they wrap long before 2^31. */
  #nextId(): number {
    this.#seq = this.#seq >= MAX_WINDOW_ID ? 1 : this.#seq + 1;
    return this.#seq;
  }

  /** The answer window (sandbox/exchange.ts): only while a synchronous call into the isolate runs. */
  #openWindow(id: number): void {
    Atomics.store(this.#window, X_STATE, id);
  }

  /**
   * Closes the window after the synchronous call and takes the answer the prelude left in it,
   * if any. Otherwise the answer comes through the respond callback (already, or later).
   */
  #closeWindow(id: number): void {
    const w = this.#window;
    let state = Atomics.compareExchange(w, X_STATE, id, CLOSED);
    // The isolate is writing on one of isolated-vm's threads: the callback will carry it.
    if (state === CLAIMED) state = Atomics.compareExchange(w, X_STATE, CLAIMED, ABANDONED);
    if (state !== DONE) return;
    const statusText = w[X_STATUS_TEXT]!;
    const same = w[X_HEADERS] === SAME_HEADERS;
    const headers = same ? 0 : w[X_HEADERS]!;
    const body = w[X_BODY]!;
    const total = statusText + headers + Math.max(body, 0);
    Atomics.store(w, X_STATE, CLOSED);
    if (statusText < 0 || headers < 0 || body < -1 || total > EXCHANGE_UNITS || (same && this.#lastHeaders === null)) {
      // Never seen; should it happen, this isolate's window is not to be trusted again.
      this.recycle = true;
      this.interrupt(new Error("the isolate left a malformed answer in its window"));
      return;
    }
    this.windowed++;
    const text = this.#windowText.toString("utf16le", EXCHANGE_DATA, EXCHANGE_DATA + 2 * total);
    if (!same) this.#lastHeaders = text.slice(statusText, statusText + headers);
    this.#settle(id, { ok: true, status: w[X_STATUS]!, statusText: text.slice(0, statusText), headers: this.#lastHeaders!, body: body < 0 ? null : text.slice(statusText + headers), streamId: -1 });
  }

  #settle(id: number, outcome: Outcome): void {
    const w = this.#waiting;
    if (!w || w.id !== id) return;
    this.#waiting = null;
    if (outcome.ok && outcome.streamId <= HOST_BODY) this.#streams.passOn(hostBodyOf(outcome.streamId));
    w.resolve(outcome);
  }

  /** sandbox/dispatch.ts's Wait protocol: 0 release, 1 hold, 2 a promise rejected. */
  #onWait(id: number, state: number, name: string, message: string, stack: string): void {
    if (id !== this.#seq) return;
    if (state === 1) {
      if (this.#hold) return;
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.#hold = { done, resolve };
    } else if (state === 0) this.#release();
    else this.current?.waitUntilRejected(name, clip(message), clip(stack));
  }

  #release(): void {
    const h = this.#hold;
    this.#hold = null;
    h?.resolve();
  }

  /**
   * Settles once every promise the current request passed to waitUntil has settled (or the
   * isolate was disposed); null when there is none outstanding, which is the common case.
   */
  get holding(): Promise<void> | null {
    return this.#hold?.done ?? null;
  }

  /** Fails the request in flight (a limit tripped, the isolate died); later outcomes are ignored. */
  interrupt(reason: unknown): void {
    const w = this.#waiting;
    this.#waiting = null;
    w?.reject(reason);
  }

  /** Next chunk of a streamed response body. */
  pull(streamId: number): Promise<Uint8Array | null | DispatchResult> {
    const hostId = hostBodyOf(streamId);
    if (hostId >= 0) return this.#pullHost(hostId);
    return this.#pull!.apply(undefined, [streamId], COPY) as Promise<Uint8Array | null | DispatchResult>;
  }

  /** Next chunk of a body the host sends on from its own side (see sandbox/exchange.ts). */
  async #pullHost(hostId: number): Promise<Uint8Array | null | DispatchResult> {
    const r = await this.#streams.readPassed(hostId);
    if (r === null || r instanceof Uint8Array) return r;
    return { ok: false, name: "TypeError", message: r.error, stack: `TypeError: ${r.error}` };
  }

  cancel(streamId: number): void {
    const hostId = hostBodyOf(streamId);
    if (hostId >= 0) return this.#streams.cancel(hostId, true);
    if (this.isolate.isDisposed) return;
    this.#cancel!.apply(undefined, [streamId], { arguments: { copy: true } }).catch(() => undefined);
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /** CPU time the isolate has used, in nanoseconds (0 once disposed). */
  cpuTime(): bigint {
    try {
      return this.isolate.cpuTime;
    } catch {
      return 0n;
    }
  }

  /** Last measured heap (JS + external) in bytes; see refreshHeap(). */
  heapBytes(): number {
    return this.#heapBytes;
  }

  /**
   * Measures the heap asynchronously. Never use getHeapStatisticsSync on a live instance: it waits
   * for the isolate, and an isolate stuck in a loop would block the host thread, and with it the
   * watchdog that is supposed to stop the loop.
   */
  async refreshHeap(): Promise<number> {
    try {
      const s = await this.isolate.getHeapStatistics();
      this.#heapBytes = s.used_heap_size + s.externally_allocated_size;
    } catch {
      this.#heapBytes = 0;
    }
    return this.#heapBytes;
  }


  /** Terminates whatever runs, releases every Reference and frees the isolate. */
  dispose(reason?: string): void {
    if (reason && !this.killedFor) this.killedFor = reason;
    // Terminate first: releasing handles of an isolate that is still executing would have to
    // wait for it, and a runaway loop never yields.
    if (!this.isolate.isDisposed) {
      try {
        this.isolate.dispose();
      } catch {
        // Already being disposed by V8 (memory limit).
      }
    }
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#streams.clear();
    this.#keys.clear();
    for (const a of this.#fetches.values()) a.abort();
    this.#fetches.clear();
    for (const r of this.#refs) {
      try {
        r.release();
      } catch {
        // Released together with the isolate.
      }
    }
    this.#refs.length = 0;
    this.#context = null;
    this.interrupt(new Error(`Isolate was disposed${reason ? ` (${reason})` : ""}`));
    this.#release();
  }

}
