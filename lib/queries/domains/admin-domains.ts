import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, qs } from "../fetch-json";
import { domainKeys } from "./keys";
import type { DomainView } from "./types";

export type AdminDomain = Omit<DomainView, "routes" | "routeList"> & { tenant: string };

const adminKey = (status: string) => [...domainKeys.all, "admin", status] as const;

export function useAdminDomains(status: "all" | "unverified") {
  return useQuery({ queryKey: adminKey(status), queryFn: () => fetchJson<{ domains: AdminDomain[] }>(`/api/v1/admin/domains${qs({ status })}`), select: (d) => d.domains });
}

export function useAdminVerifyDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (hostname: string) => fetchJson<{ message: string }>(`/api/v1/admin/domains/${encodeURIComponent(hostname)}/verify`, { method: "POST" }),
    meta: { errorTitle: "Could not verify the domain" },
    onSuccess: (r) => toast.success(r.message),
    onSettled: () => qc.invalidateQueries({ queryKey: [...domainKeys.all, "admin"] }),
  });
}
