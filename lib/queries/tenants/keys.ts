export const tenantKeys = {
  all: ["tenants"] as const,
  detail: (slug: string) => [...tenantKeys.all, "detail", slug] as const,
};
