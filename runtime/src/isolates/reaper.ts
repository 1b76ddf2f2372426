/**
 * Disposes isolates no request needs any more (a replaced version, an idle extra evicted, one
 * recycled near its memory limit) in a quiet moment of this thread instead of at once.
 *
 * Disposing an isolate holds the host thread for 0.3-2 ms, and on these machines work done right
 * after an answer delays that answer's arrival by about as much, although its bytes have left
 * (the client, woken on the same CPU, waits for this thread to yield it). Through the cluster, a
 * replaced version disposed in the turn after its successor's first answer made that first
 * request ~0.5 ms slower than a warm one; a 1 ms busy loop in its place made it ~1 ms slower.
 *
 * So an isolate handed over here goes once QUIET_MS pass with no request taken or released by any
 * pool (the pools bump `activity`), as many as fit in SLICE_MS; under steady traffic there is no
 * such moment, and one goes every QUIET_MS once it has waited LATEST_MS. Isolates stopped at a
 * limit do not come here: they are disposed at once, which is what stops them. Under memory
 * pressure housekeeping flushes the reaper before it evicts anything in use.
 */

/** What the reaper disposes: a FunctionInstance (an interface, so the scheduling is testable alone). */
export interface Disposable {
  dispose(): void;
  /** Last measured heap use, bytes (counted in the engine's stats until disposed). */
  heapBytes(): number;
}

export interface ReaperOptions {
  quietMs?: number;
  latestMs?: number;
}

const QUIET_MS = 10;
const LATEST_MS = 1000;
/** How long one quiet moment may be spent disposing (a request arriving meanwhile waits). */
const SLICE_MS = 2;

export class Reaper {
  /** Bumped by the pools at each take and release: any change since the last look means "not quiet". */
  activity = 0;
  readonly #quietMs: number;
  readonly #latestMs: number;
  #pending: { item: Disposable; since: number }[] = [];
  #timer: NodeJS.Timeout | null = null;
  #seen = 0;

  constructor(opts: ReaperOptions = {}) {
    this.#quietMs = opts.quietMs ?? QUIET_MS;
    this.#latestMs = opts.latestMs ?? LATEST_MS;
  }

  add(item: Disposable): void {
    this.#pending.push({ item, since: performance.now() });
    this.#arm();
  }

  /** Isolates handed over and not disposed yet. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Their heap, as last measured. */
  pendingHeapBytes(): number {
    let total = 0;
    for (const { item } of this.#pending) total += item.heapBytes();
    return total;
  }

  /** Disposes everything pending now (shutdown, or memory pressure in housekeeping). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const { item } of this.#pending.splice(0)) item.dispose();
  }

  #arm(): void {
    if (this.#timer) return;
    this.#seen = this.activity;
    this.#timer = setTimeout(this.#tick, this.#quietMs).unref();
  }

  readonly #tick = (): void => {
    this.#timer = null;
    const first = this.#pending[0];
    if (!first) return;
    const start = performance.now();
    if (this.activity === this.#seen) {
      do this.#pending.shift()!.item.dispose();
      while (this.#pending.length && performance.now() - start < SLICE_MS);
    } else if (start - first.since >= this.#latestMs) {
      this.#pending.shift();
      first.item.dispose();
    }
    if (this.#pending.length) this.#arm();
  };
}
