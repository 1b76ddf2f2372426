import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { TenantUsage } from "@/components/billing/tenant-usage";
import { CurrentPlanBadge } from "@/components/console/current-plan-badge";
import { PageHeader } from "@/components/ui/page-header";
import { billingKeys } from "@/lib/queries/billing/keys";
import { listInvoices } from "@/lib/services/billing/list-invoices";
import { getUsage } from "@/lib/services/usage/get-usage";
import { prefetch } from "../functions/server";

export const metadata: Metadata = { title: "Usage & billing" };
export const dynamic = "force-dynamic";

export default async function UsagePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const state = await prefetch(tenant, [
    { key: billingKeys.usage(tenant, "current"), load: (ctx) => getUsage({ ctx, input: { period: "current" } }) },
    { key: billingKeys.invoices(tenant), load: (ctx) => listInvoices({ ctx }) },
  ]);
  return (
    <>
      <PageHeader title="Usage & billing" description="This period's requests and CPU time against your plan, what it costs, and your invoices." actions={<CurrentPlanBadge />} />
      <HydrationBoundary state={state}>
        <TenantUsage tenant={tenant} />
      </HydrationBoundary>
    </>
  );
}
