export const domainKeys = {
  all: ["domains"] as const,
  list: (tenant: string) => [...domainKeys.all, tenant, "list"] as const,
  rollout: (tenant: string, fn: string) => [...domainKeys.all, tenant, "rollout", fn] as const,
};

export const domainsPath = (tenant: string, rest = "") => `/api/v1/tenants/${encodeURIComponent(tenant)}/domains${rest}`;
export const hostPath = (tenant: string, hostname: string, rest = "") => domainsPath(tenant, `/${encodeURIComponent(hostname)}${rest}`);
