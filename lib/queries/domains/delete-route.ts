import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { domainKeys, hostPath } from "./keys";

export type DeleteRouteInput = { tenant: string; hostname: string; id: string; pattern: string };

export const deleteRoute = ({ tenant, hostname, id }: DeleteRouteInput) => fetchJson<void>(hostPath(tenant, hostname, `/routes/${encodeURIComponent(id)}`), { method: "DELETE" });

export function useDeleteRoute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteRoute,
    meta: { errorTitle: "Could not detach the route" },
    onSuccess: (_r, v) => toast.success(`Route ${v.pattern} detached from ${v.hostname}`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.list(v.tenant) }),
  });
}
