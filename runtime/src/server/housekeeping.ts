/**
 * Memory hygiene for a process holding isolates: idle extra isolates are evicted after a while,
 * and when heap (host + isolates) passes the budget, whole least-recently-used versions drop to
 * zero isolates. They come back on the next request from the per-version compile cache (~ms).
 */
import type { Engine } from "./engine.ts";

export interface HousekeepingOptions {
  idleEvictMs: number;
  heapBudgetMb: number;
}

/** One pass; returns how many isolates were evicted. */
export function housekeep(engine: Engine, opts: HousekeepingOptions): number {
  let evicted = engine.stopRunaways() + engine.evictIdle(opts.idleEvictMs, 1);
  const budget = opts.heapBudgetMb * 1024 * 1024;
  const used = (): number => process.memoryUsage().heapUsed + engine.stats().heapBytes;
  if (used() <= budget) return evicted;
  // Isolates no request needs go first, before any a function still uses.
  engine.reaper.flush();
  if (used() <= budget * 0.8) return evicted;
  for (const pool of engine.poolsByAge()) {
    // At once: the budget is measured again right after, and the reaper would free it later.
    evicted += pool.evictIdle(0, 0, true);
    if (used() <= budget * 0.8) break;
  }
  return evicted;
}

/** Runs housekeeping on an interval until the returned stop function is called. */
export function startHousekeeping(engine: Engine, opts: HousekeepingOptions, everyMs = 5000): () => void {
  const t = setInterval(() => housekeep(engine, opts), everyMs);
  t.unref();
  return () => clearInterval(t);
}
