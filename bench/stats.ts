/** Order statistics shared by the bench scripts: the sample at or just below quantile q (no interpolation). */
export function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
}

export const median = (xs: number[]): number => percentile(xs, 0.5);
