import { z } from "zod";

/** A billing period: one UTC calendar month. */
export type Period = { id: string; start: Date; end: Date };

export function periodOf(at: Date): Period {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { id: start.toISOString().slice(0, 7), start, end };
}

export function previousPeriod(p: Period): Period {
  return periodOf(new Date(p.start.getTime() - 1));
}

export const PeriodParam = z
  .string()
  .regex(/^(current|\d{4}-(0[1-9]|1[0-2]))$/, 'must be "current" or a month as YYYY-MM')
  .default("current");

/** "current" or "YYYY-MM" → the period, relative to `now`. */
export function parsePeriod(value: string, now: Date): Period {
  if (value === "current") return periodOf(now);
  const [y, m] = value.split("-").map(Number);
  return periodOf(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** Every UTC day of a period as YYYY-MM-DD. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let t = p.start.getTime(); t < p.end.getTime(); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
