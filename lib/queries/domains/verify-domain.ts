import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { domainKeys, hostPath } from "./keys";
import type { DomainView } from "./types";

export type VerifyResult = { verified: boolean; message: string; domain: DomainView };

export const verifyDomain = ({ tenant, hostname }: { tenant: string; hostname: string }) => fetchJson<VerifyResult>(hostPath(tenant, hostname, "/verify"), { method: "POST" });

export function useVerifyDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: verifyDomain,
    meta: { errorTitle: "Could not check the domain" },
    onSuccess: (r) => (r.verified ? toast.success(r.message) : toast.warning(r.message)),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.list(v.tenant) }),
  });
}
