/**
 * Per-tenant admission in one worker, so that one tenant flooding CPU or memory limits cannot
 * take the worker from the others:
 * - a cap on a tenant's requests in flight, with a short queue; past both, 503 tenant_overloaded;
 * - a tenant whose version is "heavy" (recent requests burned CPU, see VersionPool.demote) gets a
 *   much smaller cap, and while other tenants are active it may use only a share of one core
 *   (a token bucket of CPU time); its requests wait in the queue for the bucket to refill.
 * A tenant alone on the worker is never throttled by the CPU share (work-conserving).
 */

export interface FairnessOptions {
  /** Requests of one tenant running at once in this worker. */
  maxInFlight: number;
  /** Requests of one tenant waiting for a slot; beyond that, 503 tenant_overloaded. */
  maxQueued: number;
  /** In-flight cap for a tenant whose function is currently heavy. */
  heavyInFlight: number;
  /** Share of one core a heavy tenant may use while others are active (0..1). */
  heavyCpuShare: number;
}

export const DEFAULT_FAIRNESS: FairnessOptions = { maxInFlight: 64, maxQueued: 128, heavyInFlight: 1, heavyCpuShare: 0.1 };

/**
 * What a request stopped by a CPU or memory limit costs beyond its measured CPU (µs): the
 * replacement isolate, and GC work on V8's helper threads that the isolate's cpuTime misses.
 */
export const KILL_COST_US = 25_000;

/** CPU a tenant may bank (µs): a burst this large passes even when throttled. */
const BUCKET_US = 100_000;
/** Another tenant seen this recently means there is contention. */
const ACTIVE_MS = 1000;

interface TenantSlot {
  inFlight: number;
  queue: { heavy: boolean; go: () => void }[];
  /** CPU tokens in µs (may go negative: the next requests wait until it refills). */
  tokens: number;
  refilledAt: number;
  timer: NodeJS.Timeout | null;
}

export class TenantGate {
  readonly #opts: FairnessOptions;
  readonly #tenants = new Map<string, TenantSlot>();
  /** The two most recent distinct tenants and when they were seen (contention detection). */
  #last = { id: "", at: 0 };
  #prev = { id: "", at: 0 };

  constructor(opts: Partial<FairnessOptions> = {}) {
    this.#opts = { ...DEFAULT_FAIRNESS, ...opts };
  }

  /**
   * Admits a request: true to run now, a promise that resolves when it may run, or false when
   * the tenant is over its cap and queue (answer 503 tenant_overloaded). Call leave() after a
   * true or a resolved promise.
   */
  enter(tenantId: string, heavy: boolean): boolean | Promise<void> {
    const now = Date.now();
    this.#seen(tenantId, now);
    let t = this.#tenants.get(tenantId);
    if (!t) {
      t = { inFlight: 0, queue: [], tokens: BUCKET_US, refilledAt: now, timer: null };
      this.#tenants.set(tenantId, t);
    }
    if (t.queue.length === 0 && this.#mayStart(tenantId, t, heavy, now)) {
      t.inFlight++;
      return true;
    }
    if (t.queue.length >= (heavy ? Math.max(1, Math.floor(this.#opts.maxQueued / 16)) : this.#opts.maxQueued)) return false;
    return new Promise<void>((go) => {
      t.queue.push({ heavy, go });
      this.#schedule(tenantId, t);
    });
  }

  /** A request admitted by enter() finished, having used cpuUs of isolate CPU. */
  leave(tenantId: string, cpuUs: number): void {
    const t = this.#tenants.get(tenantId);
    if (!t) return;
    t.inFlight--;
    this.#refill(t, Date.now());
    t.tokens -= cpuUs;
    this.#drain(tenantId, t);
    if (t.inFlight === 0 && t.queue.length === 0 && t.tokens >= BUCKET_US && !t.timer) this.#tenants.delete(tenantId);
  }

  /** Requests of a tenant in flight (tests, stats). */
  inFlight(tenantId: string): number {
    return this.#tenants.get(tenantId)?.inFlight ?? 0;
  }

  #seen(tenantId: string, now: number): void {
    if (this.#last.id === tenantId) this.#last.at = now;
    else {
      this.#prev = this.#last;
      this.#last = { id: tenantId, at: now };
    }
  }

  #contended(tenantId: string, now: number): boolean {
    const other = this.#last.id === tenantId ? this.#prev : this.#last;
    return other.id !== "" && now - other.at < ACTIVE_MS;
  }

  #mayStart(tenantId: string, t: TenantSlot, heavy: boolean, now: number): boolean {
    if (!heavy) return t.inFlight < this.#opts.maxInFlight;
    if (t.inFlight >= this.#opts.heavyInFlight) return false;
    this.#refill(t, now);
    return t.tokens > 0 || !this.#contended(tenantId, now);
  }

  #refill(t: TenantSlot, now: number): void {
    t.tokens = Math.min(BUCKET_US, t.tokens + (now - t.refilledAt) * 1000 * this.#opts.heavyCpuShare);
    t.refilledAt = now;
  }

  #drain(tenantId: string, t: TenantSlot): void {
    const now = Date.now();
    while (t.queue.length) {
      const next = t.queue[0]!;
      if (!this.#mayStart(tenantId, t, next.heavy, now)) break;
      t.queue.shift();
      t.inFlight++;
      next.go();
    }
    this.#schedule(tenantId, t);
  }

  /** A throttled queue needs a wake-up when its tokens are back (one timer per tenant, not per request). */
  #schedule(tenantId: string, t: TenantSlot): void {
    if (t.timer || !t.queue.length || t.inFlight >= (t.queue[0]!.heavy ? this.#opts.heavyInFlight : this.#opts.maxInFlight)) return;
    const waitMs = Math.max(1, Math.ceil(-t.tokens / (1000 * this.#opts.heavyCpuShare)));
    t.timer = setTimeout(() => {
      t.timer = null;
      this.#drain(tenantId, t);
      if (t.inFlight === 0 && t.queue.length === 0 && !t.timer) this.#tenants.delete(tenantId);
    }, waitMs);
    t.timer.unref();
  }
}
