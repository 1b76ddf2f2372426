import * as React from "react";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { meQuery, type Me } from "@/lib/queries/me/get-me";

/**
 * Seeds the client cache with the `me` the server already resolved, under the same query key the
 * client uses, so the sidebar, switcher and user menu render without a loading flash.
 */
export function HydrateMe({ me, children }: { me: Me; children: React.ReactNode }) {
  const qc = new QueryClient();
  qc.setQueryData(meQuery().queryKey, me);
  return <HydrationBoundary state={dehydrate(qc)}>{children}</HydrationBoundary>;
}
