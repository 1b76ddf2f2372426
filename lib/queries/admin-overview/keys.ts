import type { MetricsRange } from "../metrics/keys";

export const adminOverviewKeys = {
  all: ["admin", "overview"] as const,
  get: (range: MetricsRange) => [...adminOverviewKeys.all, range] as const,
};
