export const memberKeys = {
  all: ["members"] as const,
  list: (tenant: string) => [...memberKeys.all, tenant] as const,
};
