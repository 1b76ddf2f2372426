export const functionKeys = {
  all: ["functions"] as const,
  list: (tenant: string) => [...functionKeys.all, tenant, "list"] as const,
  detail: (tenant: string, fn: string) => [...functionKeys.all, tenant, "fn", fn] as const,
  /** Deliberately outside `detail`: invalidating a function after a deploy must never refetch the draft being edited. */
  draft: (tenant: string, fn: string) => [...functionKeys.all, tenant, "draft", fn] as const,
  versions: (tenant: string, fn: string) => [...functionKeys.detail(tenant, fn), "versions"] as const,
  version: (tenant: string, fn: string, n: number) => [...functionKeys.versions(tenant, fn), n] as const,
  variables: (tenant: string, fn: string) => [...functionKeys.detail(tenant, fn), "variables"] as const,
};
