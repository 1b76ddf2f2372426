export type MetricsRange = "1h" | "24h" | "7d" | "30d";

export const metricsKeys = {
  all: ["metrics"] as const,
  tenant: (tenant: string, range: MetricsRange) => [...metricsKeys.all, tenant, "tenant", range] as const,
  fn: (tenant: string, fn: string, range: MetricsRange, version?: number) => [...metricsKeys.all, tenant, "fn", fn, range, version ?? "all"] as const,
};

/** The range a metrics view opens with (also what the server prefetches). */
export const DEFAULT_RANGE: MetricsRange = "24h";
