import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { functionKeys } from "../functions/keys";
import { fnPath } from "../functions/paths";
import { domainKeys } from "./keys";

export type VersionStats = { version: number; requests: number; errors: number; errorRate: number | null; p50: number | null; p95: number | null };
export type Rollout = { version: number; baseVersion: number; percent: number; stickyBy: string | null; abortOnErrorRate: number | null; startedAt: string; updatedAt: string };
export type RolloutStatus = { rollout: Rollout | null; liveVersion: number | null; comparison: { base: VersionStats; candidate: VersionStats } | null; abortedReason?: string; minRequestsForAbort?: number };
export type RolloutInput = { version: number; baseVersion?: number; percent: number; stickyBy?: string | null; abortOnErrorRate?: number | null };

export const getRollout = (tenant: string, fn: string) => fetchJson<RolloutStatus>(fnPath(tenant, fn, "/rollout"));

/** Polled while shown: the comparison moves with traffic and the guard may abort on its own. */
export function useRollout(tenant: string, fn: string) {
  return useQuery({ queryKey: domainKeys.rollout(tenant, fn), queryFn: () => getRollout(tenant, fn), refetchInterval: 5000 });
}

export function useSetRollout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ tenant, fn, input }: { tenant: string; fn: string; input: RolloutInput }) => fetchJson<{ rollout: Rollout }>(fnPath(tenant, fn, "/rollout"), { method: "PUT", body: input }),
    meta: { errorTitle: "Could not start the rollout" },
    onSuccess: (r) => toast.success(`Version ${r.rollout.version} now gets ${r.rollout.percent}% of requests`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.rollout(v.tenant, v.fn) }),
  });
}

export function useFinishRollout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ tenant, fn, how }: { tenant: string; fn: string; how: "promote" | "abort" }) => fetchJson<{ liveVersion: number }>(fnPath(tenant, fn, `/rollout/${how}`), { method: "POST" }),
    meta: { errorTitle: "Could not finish the rollout" },
    onSuccess: (r, v) => toast.success(v.how === "promote" ? `Version ${r.liveVersion} is live for everyone` : `Rollout aborted; version ${r.liveVersion} serves everyone`),
    onSettled: (_d, _e, v) => {
      void qc.invalidateQueries({ queryKey: domainKeys.rollout(v.tenant, v.fn) });
      void qc.invalidateQueries({ queryKey: functionKeys.detail(v.tenant, v.fn) });
    },
  });
}
