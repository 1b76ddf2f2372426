import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type VersionDetail = { number: number; entry: string; files: Record<string, string>; message: string; authorId: string | null; createdAt: string; live: boolean };

export const getVersion = (tenant: string, fn: string, n: number) => fetchJson<VersionDetail>(fnPath(tenant, fn, `/versions/${n}`));

/** Versions are immutable, so one fetched is never stale (the `live` flag is read from the list). */
export const versionQuery = (tenant: string, fn: string, n: number) =>
  queryOptions({ queryKey: functionKeys.version(tenant, fn, n), queryFn: () => getVersion(tenant, fn, n), staleTime: Infinity });

export function useVersion(tenant: string, fn: string, n: number | null) {
  return useQuery({ ...versionQuery(tenant, fn, n ?? 0), enabled: n !== null && n > 0 });
}
