import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { FunctionWorkspace } from "@/components/functions/function-workspace";
import { functionKeys } from "@/lib/queries/functions/keys";
import { getFunction } from "@/lib/services/functions/get-function";
import { listVersions } from "@/lib/services/functions/list-versions";
import { prefetch, runtimeAddress } from "../server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ function: string }> }): Promise<Metadata> {
  return { title: (await params).function };
}

export default async function FunctionPage({ params }: { params: Promise<{ tenant: string; function: string }> }) {
  const { tenant, function: fn } = await params;
  // The draft is not prefetched: the editor reads it once on the client and never again.
  const state = await prefetch(tenant, [
    { key: functionKeys.detail(tenant, fn), load: (ctx) => getFunction({ ctx, fn }) },
    { key: functionKeys.versions(tenant, fn), load: (ctx) => listVersions({ ctx, fn }) },
  ]);
  return (
    <HydrationBoundary state={state}>
      <FunctionWorkspace tenant={tenant} fn={fn} runtime={runtimeAddress()} />
    </HydrationBoundary>
  );
}
