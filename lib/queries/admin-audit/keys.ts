export type AuditFilters = { tenant: string; action: string; actor: string; from: string; to: string; limit: number };

export const adminAuditKeys = {
  all: ["admin", "audit"] as const,
  list: (filters: AuditFilters) => [...adminAuditKeys.all, "list", filters] as const,
};
