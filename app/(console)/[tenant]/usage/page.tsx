import type { Metadata } from "next";
import { Gauge } from "lucide-react";
import { CurrentPlanBadge } from "@/components/console/current-plan-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Usage & billing" };

export default function UsagePage() {
  return (
    <>
      <PageHeader
        title="Usage & billing"
        description="Requests, CPU time and cost for the current billing period."
        actions={<CurrentPlanBadge />}
      />
      <EmptyState icon={Gauge} title="Usage and billing are not available yet">
        Your plan&apos;s limits, this period&apos;s requests and CPU milliseconds, the projected cost and your invoices will appear here. The
        runtime already meters every invocation (see Observability); plans, prices and invoices are not built yet, so nothing is billed.
      </EmptyState>
    </>
  );
}
