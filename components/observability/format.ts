import type { MetricsRange } from "@/lib/queries/metrics/keys";

/** Axis ticks in the viewer's local time: clock time for short ranges, day and hour for long ones. */
export function tickFormatter(range: MetricsRange): (t: string) => string {
  const fmt =
    range === "1h" || range === "24h"
      ? new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" })
      : new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit" });
  return (t) => fmt.format(new Date(t));
}

const full = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
export const tooltipTime = (t: unknown) => (typeof t === "string" ? full.format(new Date(t)) : "");

const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
export const count = (n: number) => compact.format(n);

export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined) return "–";
  if (n === 0) return "0 ms";
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)} s`;
  return `${n >= 10 ? Math.round(n) : n.toFixed(n >= 1 ? 1 : 2)} ms`;
}

const timeWithMs = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 });
export const logTime = (at: string) => timeWithMs.format(new Date(at));
