import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { FunctionsList } from "@/components/functions/functions-list";
import { functionKeys } from "@/lib/queries/functions/keys";
import { listFunctions } from "@/lib/services/functions/list-functions";
import { prefetch, runtimeAddress } from "./server";

export const metadata: Metadata = { title: "Functions" };
export const dynamic = "force-dynamic";

export default async function FunctionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const state = await prefetch(tenant, [{ key: functionKeys.list(tenant), load: (ctx) => listFunctions({ ctx }) }]);
  return (
    <HydrationBoundary state={state}>
      <FunctionsList tenant={tenant} runtime={runtimeAddress()} />
    </HydrationBoundary>
  );
}
