/**
 * The isolates of one live function version in one worker. An instance serves one request at a
 * time, so CPU time, subrequests and console lines are attributed exactly; concurrency comes from
 * a few instances per version (created on demand, extra ones evicted when idle).
 */
import type { FunctionState, TenantLimits } from "../protocol/index.ts";
import type { EgressOptions } from "../bridges/fetch.ts";
import { FunctionInstance, type InstanceOptions } from "./instance.ts";
import type { Reaper } from "./reaper.ts";

/** Fraction of memoryMb past which an idle isolate is replaced instead of reused. */
const RECYCLE_AT = 0.75;
/** Heap is measured (an isolate task) at most this often per instance, not after every request. */
const HEAP_CHECK_MS = 1000;
/** First and longest time a version runs off the host thread after a heavy request. */
const DEMOTE_MS = 60_000;
/** Requests a version serves on isolated-vm's threads before it may earn the inline path. */
const LEARN_REQUESTS = 16;
const DEMOTE_MAX_MS = 10 * 60_000;
/** Weight of one request in the CPU average, and the cap of one sample in multiples of heavyUs (see observeCpu). */
const CPU_AVG_WEIGHT = 1 / 16;
const SAMPLE_CAP = 2;

export interface PoolOptions {
  maxInstances: number;
  egress: EgressOptions;
  /** Opens a sealed secret (protocol/secrets.ts); absent when no runtime token is known. */
  openSecret?: (sealed: string) => string;
  /** Disposes isolates no longer needed in a quiet moment (see reaper.ts); without it, at once. */
  reaper?: Reaper;
}

export class VersionPool {
  readonly fn: FunctionState;
  readonly limits: TenantLimits;
  readonly #opts: PoolOptions;
  readonly #instanceOpts: InstanceOptions;
  #idle: FunctionInstance[] = [];
  #busy = new Set<FunctionInstance>();
  #creating = 0;
  #waiters: { resolve: (i: FunctionInstance) => void; reject: (e: unknown) => void }[] = [];
  #retired = false;
  /** Set when the module's top level throws: every request then reports it. */
  startError: Error | null = null;
  lastUsed = Date.now();
  /**
   * Until when requests start on isolated-vm's threads instead of inline on the host thread: a
   * version whose requests burn CPU (or hit the CPU limit) must not hold up other tenants'
   * requests on the host thread. Doubles with each offence.
   */
  #demotedUntil = 0;
  #strikes = 0;
  /** Moving average of CPU per request (µs): one slow request is not a pattern. */
  #cpuAvgUs = 0;
  /** Requests whose CPU went into the average (see LEARN_REQUESTS). */
  #observed = 0;
  #heavyUs = Infinity;
  /** Until when this version counts as a noisy neighbour (it hit its CPU or memory limit). */
  #heavyUntil = 0;
  /** Set at the release of this version's first answered request (see `answered`). */
  #answered = false;
  /** What the handler sees as `env`: plain vars plus secrets opened once per version. */
  readonly env: Record<string, string>;

  constructor(fn: FunctionState, limits: TenantLimits, opts: PoolOptions) {
    this.fn = fn;
    this.env = { ...fn.vars };
    for (const [name, sealed] of Object.entries(fn.secrets)) {
      try {
        if (opts.openSecret) this.env[name] = opts.openSecret(sealed);
      } catch {
        // Sealed for another token: leave it out rather than hand the ciphertext to the code.
        console.error(`runtime: secret ${name} of function ${fn.functionId} could not be opened with this node's RUNTIME_TOKEN`);
      }
    }
    this.limits = limits;
    this.#opts = opts;
    this.#instanceOpts = { memoryMb: limits.memoryMb, startupMs: Math.max(1000, limits.cpuMs * 20), egress: opts.egress, cache: {}, env: this.env };
  }

  /**
   * Starts the first instance so routing can flip to this version without a cold start;
   * `onStartupLog` receives its top level's console lines (the test console and a deploy's
   * startup check show them; public traffic's pools pass none).
   */
  async warm(onStartupLog?: InstanceOptions["onStartupLog"]): Promise<void> {
    try {
      const inst = await this.#create(onStartupLog ? { ...this.#instanceOpts, onStartupLog } : this.#instanceOpts);
      this.release(inst);
    } catch (e) {
      this.startError = e instanceof Error ? e : new Error(String(e));
    }
  }

  async #create(opts = this.#instanceOpts): Promise<FunctionInstance> {
    this.#creating++;
    try {
      return await FunctionInstance.create(this.fn, opts);
    } finally {
      this.#creating--;
    }
  }

  /** An idle instance for exclusive use by one request, or null (then use acquire()). */
  take(): FunctionInstance | null {
    this.lastUsed = Date.now();
    if (this.#opts.reaper) this.#opts.reaper.activity++;
    for (;;) {
      const inst = this.#idle.pop();
      if (!inst) return null;
      if (inst.disposed) continue;
      if (inst.recycle) {
        this.#letGo(inst);
        continue;
      }
      this.#busy.add(inst);
      return inst;
    }
  }

  /**
   * Time budget for running a request's first slice inline on the host thread, or null for
   * "don't". It is wall time (isolated-vm's timeout), so it is well above the CPU limit: a
   * thread descheduled on a busy machine must not cut a light request off. A version that proved
   * light and then loops holds the thread this long once, and is demoted (longer each time).
   */
  inlineMs(): number | null {
    // A version must first show that its requests are light: until then, a handler that loops
    // would hold the host thread (and every other tenant's requests) for its whole CPU limit.
    if (this.#observed < LEARN_REQUESTS) return null;
    if (this.#cpuAvgUs > this.#heavyUs) return null;
    if (this.#demotedUntil !== 0 && Date.now() < this.#demotedUntil) return null;
    this.#demotedUntil = 0;
    return Math.max(this.limits.cpuMs * 4, 200);
  }

  /** Takes over another version's scheduling history (same function, see Engine.reconcile). */
  inheritBehaviour(prev: VersionPool): void {
    this.#cpuAvgUs = prev.#cpuAvgUs;
    this.#observed = prev.#observed;
    this.#heavyUs = prev.#heavyUs;
    this.#demotedUntil = prev.#demotedUntil;
    this.#strikes = prev.#strikes;
    this.#heavyUntil = prev.#heavyUntil;
  }

  /**
   * Feeds one request's CPU into the average; past heavyUs the version is demoted. A light
   * function's requests occasionally measure a few ms (a GC, tier-up, kernel work charged to the
   * thread; hello world under load showed 5-15 ms once every few thousand requests, often two
   * close together, and one among its first 16): each sample counts for at most SAMPLE_CAP ×
   * heavyUs and the average is slow (1/16, after a plain mean of the first 16), so such requests
   * no longer send a hello world to isolated-vm's threads for a minute, while a version
   * averaging 3 ms is still demoted while it learns, and one turning heavy later within ~20
   * requests. A request that hits its CPU limit demotes at once (markHeavy); one that is long
   * but within the limit now and then may keep a version inline (bounded by that limit).
   */
  observeCpu(cpuUs: number, heavyUs: number): void {
    this.#heavyUs = heavyUs;
    // A plain mean over the first requests (the learning phase judges on all of them), then slow.
    this.#observed++;
    this.#cpuAvgUs += (Math.min(cpuUs, heavyUs * SAMPLE_CAP) - this.#cpuAvgUs) * Math.max(CPU_AVG_WEIGHT, 1 / this.#observed);
    if (this.#cpuAvgUs > heavyUs) this.demote();
  }

  /** Sends this version's requests to isolated-vm's threads for a while (see #demotedUntil). */
  demote(): void {
    if (Date.now() < this.#demotedUntil) return;
    this.#demotedUntil = Date.now() + Math.min(DEMOTE_MAX_MS, DEMOTE_MS * 2 ** this.#strikes);
    this.#strikes = Math.min(this.#strikes + 1, 20);
  }

  /** Marks the version as a noisy neighbour (a limit killed one of its requests) and demotes it. */
  markHeavy(): void {
    this.demote();
    this.#heavyUntil = Math.max(this.#heavyUntil, this.#demotedUntil);
  }

  /** Whether requests currently start inline on the host thread (tests, stats). */
  get inline(): boolean {
    return this.#observed >= LEARN_REQUESTS && this.#cpuAvgUs <= this.#heavyUs && Date.now() >= this.#demotedUntil;
  }

  /** Whether the tenant gate should hold this version to its small "heavy" cap. */
  get heavy(): boolean {
    return this.#heavyUntil !== 0 && Date.now() < this.#heavyUntil;
  }

  /** An instance for exclusive use by one request; release() it afterwards. */
  async acquire(): Promise<FunctionInstance> {
    const idle = this.take();
    if (idle) return idle;
    if (this.#busy.size + this.#creating < this.#opts.maxInstances) {
      const inst = await this.#create();
      this.startError = null;
      this.#busy.add(inst);
      return inst;
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Whether this version has answered a request here (set at that request's release). Engine
   * retires the version it replaced once this is true (see Engine.#retireReplaced).
   */
  get answered(): boolean {
    return this.#answered;
  }

  /** Returns an instance; a disposed one (limit hit) is dropped and a waiter gets a fresh one. */
  release(inst: FunctionInstance): void {
    this.#busy.delete(inst);
    if (this.#opts.reaper) this.#opts.reaper.activity++;
    // served counts answered requests (warm() releases an instance that has served none).
    if (inst.served > 0) this.#answered = true;
    inst.current = null;
    inst.lastUsed = Date.now();
    if (inst.threaded) inst.cpuAtRelease = inst.cpuTime();
    if (this.#retired) {
      this.#letGo(inst);
      return;
    }
    // One look at the isolate (a native call) per release.
    const alive = !inst.disposed;
    // Recycle an isolate whose heap crept near its limit: a fresh one is cheaper than an OOM
    // in the middle of someone's request. Measured asynchronously, acted on at the next acquire.
    if (alive && inst.lastUsed - inst.heapCheckedAt >= HEAP_CHECK_MS) {
      inst.heapCheckedAt = inst.lastUsed;
      void inst.refreshHeap().then((bytes) => {
        if (bytes > this.limits.memoryMb * 1024 * 1024 * RECYCLE_AT) inst.recycle = true;
      });
    }
    if (alive) {
      const waiter = this.#waiters.shift();
      if (waiter) {
        this.#busy.add(inst);
        waiter.resolve(inst);
      } else this.#idle.push(inst);
      return;
    }
    // A limit killed it: start the replacement now, in the background, so the next request
    // (a waiter, or whoever comes next) finds a warm isolate instead of paying for the start.
    if (this.#busy.size + this.#idle.length + this.#creating >= this.#opts.maxInstances && !this.#waiters.length) return;
    this.#create().then(
      (fresh) => {
        const waiter = this.#waiters.shift();
        if (this.#retired) this.#letGo(fresh);
        else if (waiter) {
          this.#busy.add(fresh);
          waiter.resolve(fresh);
        } else this.#idle.push(fresh);
      },
      (e: unknown) => this.#waiters.shift()?.reject(e),
    );
  }

  /**
   * Lets idle instances unused for idleMs go, keeping `keep` warm ones; `atOnce` disposes them
   * now (memory pressure) instead of in a quiet moment. Returns how many went.
   */
  evictIdle(idleMs: number, keep: number, atOnce = false): number {
    const now = Date.now();
    const stay: FunctionInstance[] = [];
    let gone = 0;
    for (const inst of this.#idle.sort((a, b) => b.lastUsed - a.lastUsed)) {
      if (stay.length < keep || now - inst.lastUsed < idleMs) stay.push(inst);
      else {
        if (atOnce) inst.dispose();
        else this.#letGo(inst);
        gone++;
      }
    }
    this.#idle = stay;
    return gone;
  }

  /**
   * Disposes idle isolates that kept burning CPU after their last request (a timer or callback
   * spinning with no request to bill): past one request's CPU limit, they go. Returns how many.
   */
  stopRunaways(): number {
    const limitNs = BigInt(this.limits.cpuMs) * 1_000_000n;
    let n = 0;
    this.#idle = this.#idle.filter((inst) => {
      if (!inst.threaded || inst.disposed || inst.cpuTime() - inst.cpuAtRelease <= limitNs) return true;
      inst.dispose("cpu");
      n++;
      return false;
    });
    return n;
  }

  /** Instances that may have work of their own and are never entered inline (tests, stats). */
  threadedCount(): number {
    let n = 0;
    for (const i of this.#idle) if (i.threaded) n++;
    for (const i of this.#busy) if (i.threaded) n++;
    return n;
  }

  get instanceCount(): number {
    return this.#idle.length + this.#busy.size;
  }

  get inFlight(): number {
    return this.#busy.size;
  }

  heapBytes(): number {
    let total = 0;
    for (const i of [...this.#idle, ...this.#busy]) total += i.heapBytes();
    return total;
  }

  /** Stops taking requests: idle isolates go now (see #letGo), busy ones when their request finishes. */
  retire(): void {
    this.#retired = true;
    for (const i of this.#idle) this.#letGo(i);
    this.#idle = [];
    for (const w of this.#waiters.splice(0)) w.reject(new Error("version retired"));
  }

  /** An instance no request will enter again: to the reaper if there is one, else disposed now. */
  #letGo(inst: FunctionInstance): void {
    if (this.#opts.reaper) this.#opts.reaper.add(inst);
    else inst.dispose();
  }

  /** Disposes everything now, in-flight requests included (shutdown). */
  dispose(): void {
    this.retire();
    for (const i of this.#busy) i.dispose("shutdown");
  }
}
