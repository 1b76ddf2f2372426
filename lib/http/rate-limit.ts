import { LimitExceeded } from "@/lib/errors";

type Window = { start: number; count: number };

/** Keys kept per limiter; past it, ended windows go first, then the oldest. */
const MAX_KEYS = 100_000;

/**
 * A fixed-window counter per key, in process memory. Enough to slow password guessing against one
 * console process; behind several replicas each counts on its own. A flood of new keys never
 * resets the counters of the others at once (it evicts ended windows, then the oldest ones).
 */
export function createRateLimiter(opts: { windowMs: number; max: number; maxKeys?: number }) {
  const windows = new Map<string, Window>();
  const maxKeys = opts.maxKeys ?? MAX_KEYS;
  const refuse = (w: Window, now: number): never => {
    const retryAfterS = Math.ceil((w.start + opts.windowMs - now) / 1000);
    throw new LimitExceeded(`Too many attempts; try again in ${retryAfterS} s.`, { retryAfterS });
  };
  return {
    /** Throws LimitExceeded if `key` has used up its window, without counting this call. */
    check(key: string): void {
      const now = Date.now();
      const w = windows.get(key);
      if (w && now - w.start < opts.windowMs && w.count >= opts.max) refuse(w, now);
    },
    /** Counts one attempt for `key`; throws LimitExceeded past `max` in the window. */
    hit(key: string): void {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        if (w) windows.delete(key);
        if (windows.size >= maxKeys) {
          for (const [k, old] of windows) if (now - old.start >= opts.windowMs) windows.delete(k);
          // Insertion order is start order: the oldest windows are first.
          for (const k of windows.keys()) {
            if (windows.size < maxKeys) break;
            windows.delete(k);
          }
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > opts.max) refuse(w, now);
    },
  };
}
