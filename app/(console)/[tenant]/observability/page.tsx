import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { TenantObservability } from "@/components/observability/tenant-observability";
import { PageHeader } from "@/components/ui/page-header";
import { DEFAULT_RANGE, metricsKeys } from "@/lib/queries/metrics/keys";
import { getTenantMetrics } from "@/lib/services/metrics/get-tenant-metrics";
import { prefetch } from "../functions/server";

export const metadata: Metadata = { title: "Observability" };
export const dynamic = "force-dynamic";

export default async function ObservabilityPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const state = await prefetch(tenant, [{ key: metricsKeys.tenant(tenant, DEFAULT_RANGE), load: (ctx) => getTenantMetrics({ ctx, input: { range: DEFAULT_RANGE } }) }]);
  return (
    <>
      <PageHeader title="Observability" description="Invocations, latency, errors and CPU time across your functions." />
      <HydrationBoundary state={state}>
        <TenantObservability tenant={tenant} />
      </HydrationBoundary>
    </>
  );
}
