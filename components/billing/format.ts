/** Money from integer minor units, formatted for people (the API never sends floats for money). */
export function money(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(minor / 10 ** digits);
}

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const precise = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
export const num = (n: number) => whole.format(n);
/** CPU-ms keep their microsecond precision: they are what the invoice bills. */
export const cpu = (n: number) => `${precise.format(n)} ms`;

export function percent(used: number, of: number): number {
  if (of <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, (used / of) * 100);
}

export function periodLabel(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}
