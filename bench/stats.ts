/** Order statistics shared by the bench scripts: the sample at or just below quantile q (no interpolation). */
export function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
}

export const median = (xs: number[]): number => percentile(xs, 0.5);

/**
 * A 95 % confidence interval for the median of xs, by the bootstrap: the medians of 2,000
 * resamples (with replacement, from a fixed-seed generator, so the same samples always give the
 * same interval), cut at their 2.5th and 97.5th percentiles.
 */
export function medianInterval(xs: number[], resamples = 2000): [number, number] {
  let state = 0x2545f491;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const medians: number[] = [];
  for (let i = 0; i < resamples; i++) medians.push(median(xs.map(() => xs[Math.floor(next() * xs.length)]!)));
  return [percentile(medians, 0.025), percentile(medians, 0.975)];
}
