import type { MetricsRange } from "./keys";

// The API's own shapes: a type-only import, so nothing of the server module reaches the browser.
import type { SeriesPoint, Totals } from "@/lib/services/metrics/query-rollups";

/** One point of a metrics series: counts, and percentiles in milliseconds (null when idle). */
export type MetricsPoint = SeriesPoint;
export type MetricsTotals = Totals;

export type Metrics = { range: MetricsRange; stepSeconds: number; totals: MetricsTotals; series: MetricsPoint[] };
