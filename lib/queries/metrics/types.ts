import type { MetricsRange } from "./keys";

/** One point of a metrics series: counts, and percentiles in milliseconds (null when idle). */
export type MetricsPoint = {
  t: string;
  requests: number;
  errors: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  cpuP50: number | null;
  cpuP99: number | null;
};

export type MetricsTotals = { requests: number; errors: number; cpuMs: number };

export type Metrics = { range: MetricsRange; stepSeconds: number; totals: MetricsTotals; series: MetricsPoint[] };
