// Helpers for tests of the runtime feed; imported only by *.test.ts files.
import { runtimeToken } from "./runtime-auth";

export const auth = () => ({ authorization: `Bearer ${runtimeToken()}` });

/** Resolves with `p`, or rejects once `ms` pass: a test waits for a result, never a fixed time. */
export function withDeadline<T>(p: Promise<T>, ms: number, what = "operation"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Polls `cond` until true or `ms` pass (for conditions with no event to await). */
export async function until(cond: () => boolean | Promise<boolean>, ms = 5_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A histogram with `n` in bucket `i` and zeros elsewhere. */
export function hist(buckets: number, i: number, n: number): number[] {
  return Array.from({ length: buckets }, (_, k) => (k === i ? n : 0));
}
