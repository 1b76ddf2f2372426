import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch-json";
import { adminAuditKeys, type AuditFilters } from "./keys";

export type AuditEntry = {
  id: string | number;
  at: string;
  actorEmail: string;
  tenantId: string | null;
  tenantSlug: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
};

export const listAudit = (f: AuditFilters) => fetchJson<{ entries: AuditEntry[] }>(`/api/v1/admin/audit${qs(f)}`);

export const auditQuery = (f: AuditFilters) =>
  queryOptions({ queryKey: adminAuditKeys.list(f), queryFn: () => listAudit(f), select: (d) => d.entries, placeholderData: keepPreviousData });

export function useAudit(f: AuditFilters) {
  return useQuery(auditQuery(f));
}
