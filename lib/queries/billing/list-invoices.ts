import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, seg } from "../fetch-json";
import { billingKeys } from "./keys";
import type { Invoice } from "./types";

export const listInvoices = (tenant: string) => fetchJson<{ invoices: Invoice[] }>(`/api/v1/tenants/${seg(tenant)}/invoices`);

export const invoicesQuery = (tenant: string) => queryOptions({ queryKey: billingKeys.invoices(tenant), queryFn: () => listInvoices(tenant), select: (d) => d.invoices });

export function useInvoices(tenant: string, enabled = true) {
  return useQuery({ ...invoicesQuery(tenant), enabled });
}
