export const adminTenantKeys = {
  all: ["admin", "tenants"] as const,
  list: (q: string) => [...adminTenantKeys.all, "list", { q }] as const,
};
