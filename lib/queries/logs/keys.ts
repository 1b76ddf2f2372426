export type LogFilters = { q?: string; level?: string };

export const logKeys = {
  all: ["logs"] as const,
  list: (tenant: string, fn: string, filters: LogFilters) => [...logKeys.all, tenant, fn, filters] as const,
};
