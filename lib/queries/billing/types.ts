// The shapes the billing API returns, taken from the services so that client and server agree.
import type { getUsage } from "@/lib/services/usage/get-usage";
import type { listInvoices } from "@/lib/services/billing/list-invoices";
import type { listBillingAccess } from "@/lib/services/usage/access";

export type Usage = Awaited<ReturnType<typeof getUsage>>;
export type UsageDay = Usage["daily"][number];
export type QuotaWarning = Usage["warnings"][number];
export type Invoice = Awaited<ReturnType<typeof listInvoices>>["invoices"][number];
export type BillingMember = Awaited<ReturnType<typeof listBillingAccess>>["members"][number];
