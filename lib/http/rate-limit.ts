import { LimitExceeded } from "@/lib/errors";

type Window = { start: number; count: number };

/**
 * A fixed-window counter per key, in process memory. Enough to slow password guessing against one
 * console process; behind several replicas each counts on its own.
 */
export function createRateLimiter(opts: { windowMs: number; max: number }) {
  const windows = new Map<string, Window>();
  return {
    hit(key: string): void {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        if (windows.size > 10_000) windows.clear();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > opts.max) {
        const retryAfterS = Math.ceil((w.start + opts.windowMs - now) / 1000);
        throw new LimitExceeded(`Too many attempts; try again in ${retryAfterS} s.`, { retryAfterS });
      }
    },
  };
}
