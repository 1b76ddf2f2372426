import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson } from "../fetch-json";
import { domainKeys, domainsPath } from "./keys";
import type { DomainView } from "./types";

export type CreateDomainInput = { tenant: string; hostname: string };

export const createDomain = ({ tenant, hostname }: CreateDomainInput) => fetchJson<DomainView>(domainsPath(tenant), { method: "POST", body: { hostname } });

export function useCreateDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createDomain,
    meta: { errorTitle: "Could not add the domain" },
    onSuccess: (d) => toast.success(d.verified ? `${d.hostname} added and verified` : `${d.hostname} added; verify it with the TXT record`),
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: domainKeys.list(v.tenant) }),
  });
}
