import { z } from "zod";

/** Each range is drawn with a fixed number of evenly spaced points, so charts get a continuous axis. */
export const RANGES = {
  "1h": { stepSec: 60, points: 60 },
  "24h": { stepSec: 15 * 60, points: 96 },
  "7d": { stepSec: 60 * 60, points: 168 },
  "30d": { stepSec: 6 * 60 * 60, points: 120 },
} as const;

export type RangeName = keyof typeof RANGES;

export const MetricsInput = z.object({
  range: z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]], { message: "must be one of 1h, 24h, 7d, 30d" }).default("24h"),
  version: z.coerce.number({ message: "must be a version number" }).int("must be a whole number").positive("must be positive").optional(),
});
export type MetricsInput = z.infer<typeof MetricsInput>;

export type Window = { stepSec: number; points: number; start: Date; end: Date; bucketStarts: number[] };

/**
 * The buckets of a range ending with the one that holds `now`. Buckets are aligned to the Unix
 * epoch (as the SQL groups them), so the same minute always lands in the same bucket.
 */
export function windowFor(range: RangeName, now: Date): Window {
  const { stepSec, points } = RANGES[range];
  const stepMs = stepSec * 1000;
  const last = Math.floor(now.getTime() / stepMs) * stepMs;
  const first = last - (points - 1) * stepMs;
  const bucketStarts = Array.from({ length: points }, (_, i) => first + i * stepMs);
  return { stepSec, points, start: new Date(first), end: new Date(last + stepMs), bucketStarts };
}
