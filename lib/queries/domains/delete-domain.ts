import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { domainKeys, hostPath } from "./keys";

export type DeleteDomainInput = { tenant: string; hostname: string };

export const deleteDomain = ({ tenant, hostname }: DeleteDomainInput) => fetchJson<void>(hostPath(tenant, hostname), { method: "DELETE" });

export function useDeleteDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteDomain,
    meta: { errorTitle: "Could not delete the domain" },
    onSuccess: (_r, v) => toast.success(`${v.hostname} deleted`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.list(v.tenant) }),
  });
}
