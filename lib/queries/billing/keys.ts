export const billingKeys = {
  all: (tenant: string) => ["tenants", tenant, "billing"] as const,
  usage: (tenant: string, period: string) => [...billingKeys.all(tenant), "usage", period] as const,
  invoices: (tenant: string) => [...billingKeys.all(tenant), "invoices"] as const,
  access: (tenant: string) => [...billingKeys.all(tenant), "access"] as const,
};
