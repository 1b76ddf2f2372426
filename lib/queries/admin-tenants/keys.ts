export type AdminTenantFilters = { q: string; sort: string; order: string; plan: string; status: string };

export const adminTenantKeys = {
  all: ["admin", "tenants"] as const,
  list: (f: AdminTenantFilters) => [...adminTenantKeys.all, "list", f] as const,
  detail: (slug: string) => [...adminTenantKeys.all, "detail", slug] as const,
};
