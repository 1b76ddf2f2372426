import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "./keys";
import { fnPath } from "./paths";

export type VersionSummary = { number: number; entry: string; message: string; authorId: string | null; createdAt: string; fileNames: string[]; live: boolean };

export const listVersions = (tenant: string, fn: string) => fetchJson<{ versions: VersionSummary[] }>(fnPath(tenant, fn, "/versions"));

export const versionsQuery = (tenant: string, fn: string) =>
  queryOptions({ queryKey: functionKeys.versions(tenant, fn), queryFn: () => listVersions(tenant, fn), select: (d) => d.versions });

export function useVersions(tenant: string, fn: string) {
  return useQuery(versionsQuery(tenant, fn));
}
