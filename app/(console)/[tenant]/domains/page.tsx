import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { DomainsView } from "@/components/domains/domains-view";
import { domainKeys } from "@/lib/queries/domains/keys";
import { functionKeys } from "@/lib/queries/functions/keys";
import { listDomains } from "@/lib/services/domains/list-domains";
import { listFunctions } from "@/lib/services/functions/list-functions";
import { prefetch } from "../functions/server";

export const metadata: Metadata = { title: "Domains" };
export const dynamic = "force-dynamic";

export default async function DomainsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const state = await prefetch(tenant, [
    { key: domainKeys.list(tenant), load: (ctx) => listDomains({ ctx }) },
    { key: functionKeys.list(tenant), load: (ctx) => listFunctions({ ctx }) },
  ]);
  return (
    <HydrationBoundary state={state}>
      <DomainsView tenant={tenant} />
    </HydrationBoundary>
  );
}
