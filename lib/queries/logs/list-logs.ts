import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";
import { fnPath } from "../functions/paths";
import { logKeys, type LogFilters } from "./keys";

export type LogLine = {
  id: number;
  at: string;
  level: string;
  message: string;
  requestId: string;
  version: number;
  status: number | null;
  details: Record<string, unknown> | null;
};

export type LogPage = { logs: LogLine[]; nextBefore: number | null };

export const logsPath = (tenant: string, fn: string) => fnPath(tenant, fn, "/logs");

export const listLogs = (tenant: string, fn: string, filters: LogFilters, before?: number) =>
  fetchJson<LogPage>(`${logsPath(tenant, fn)}${qs({ ...filters, before, limit: 100 })}`);

export const logsQuery = (tenant: string, fn: string, filters: LogFilters) =>
  infiniteQueryOptions({
    queryKey: logKeys.list(tenant, fn, filters),
    queryFn: ({ pageParam }) => listLogs(tenant, fn, filters, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

export function useLogs(tenant: string, fn: string, filters: LogFilters) {
  return useInfiniteQuery(logsQuery(tenant, fn, filters));
}
