import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type Draft = { files: Record<string, string>; entry: string; revision: number; updatedAt: string | null; updatedBy: string | null };

export const getDraft = (tenant: string, fn: string) => fetchJson<Draft>(fnPath(tenant, fn, "/draft"));

/**
 * Read once when the editor opens and never again behind the user's back: a refetch would replace
 * what they are typing. Saves update the cached revision directly (see save-draft.ts).
 */
export const draftQuery = (tenant: string, fn: string) =>
  queryOptions({
    queryKey: functionKeys.draft(tenant, fn),
    queryFn: () => getDraft(tenant, fn),
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: false,
  });

export function useDraft(tenant: string, fn: string) {
  return useQuery(draftQuery(tenant, fn));
}
