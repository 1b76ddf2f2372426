import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { domainKeys, hostPath } from "./keys";
import type { Overlap } from "./types";

export type RouteDraft = { pattern: string; function: string; methods?: string[] | null; priority?: number };
export type CreateRouteInput = { tenant: string; hostname: string; route: RouteDraft };
export type CreateRouteResult = { saved: boolean; overlaps: Overlap[]; route?: { id: string; pattern: string } };

export const createRoute = ({ tenant, hostname, route }: CreateRouteInput, dryRun = false) =>
  fetchJson<CreateRouteResult>(hostPath(tenant, hostname, "/routes"), { method: "POST", body: { ...route, dryRun } });

/** Overlaps the route would have, without saving it (shown while the form is filled in). */
export const checkRoute = (input: CreateRouteInput) => createRoute(input, true);

export function useCreateRoute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRouteInput) => createRoute(input),
    meta: { errorTitle: "Could not attach the route" },
    onSuccess: (r, v) => toast.success(`Route ${r.route?.pattern ?? ""} on ${v.hostname} attached to ${v.route.function}`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.list(v.tenant) }),
  });
}
