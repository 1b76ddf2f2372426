import { useMutation } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";

export type RouteTestResult = {
  url: string;
  method: string;
  matched: boolean;
  reason?: string;
  message: string;
  via?: "route" | "default-hostname";
  function: { name: string; liveVersion: number | null } | null;
  versions: { version: number; percent: number; role: "live" | "rollout" }[];
  route: { id: string; pattern: string; methods: string[] | null; priority: number } | null;
  domain: { hostname: string; wildcard: boolean } | null;
};

export const testRoute = ({ tenant, url, method }: { tenant: string; url: string; method: string }) =>
  fetchJson<RouteTestResult>(`/api/v1/tenants/${encodeURIComponent(tenant)}/route-test${qs({ url, method })}`);

/** On demand (a button), so it is a mutation: nothing is cached or refetched behind the user. */
export function useRouteTest() {
  return useMutation({ mutationFn: testRoute, meta: { errorTitle: "Could not test the URL" } });
}
