import { BUCKET_BOUNDS_MS } from "@/runtime/src/protocol";

/**
 * The q-quantile of a histogram with the runtime's fixed buckets: the upper bound of the bucket
 * where the cumulative count first reaches q of the total. Null when the histogram is empty.
 * The overflow bucket has no upper bound; it reports the largest finite bound, i.e. "at least".
 */
export function quantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let cum = 0;
  for (let i = 0; i < hist.length; i++) {
    cum += hist[i] ?? 0;
    if (cum >= target && cum > 0) return BUCKET_BOUNDS_MS[Math.min(i, BUCKET_BOUNDS_MS.length - 1)]!;
  }
  return BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 1]!;
}
