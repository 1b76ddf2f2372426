"use client";

import * as React from "react";
import { useMe, type MeTenant, type TenantRole } from "@/lib/queries/me/get-me";

const TenantContext = React.createContext<MeTenant | null>(null);

/** Set by the tenant layout with the tenant it resolved on the server. */
export function TenantProvider({ tenant, children }: { tenant: MeTenant; children: React.ReactNode }) {
  return <TenantContext.Provider value={tenant}>{children}</TenantContext.Provider>;
}

/**
 * The tenant the console is showing, with the caller's role. Prefers the live `me` query (which
 * mutations such as a role change invalidate) over the server-resolved snapshot.
 */
export function useCurrentTenant(): MeTenant {
  const initial = React.useContext(TenantContext);
  if (!initial) throw new Error("useCurrentTenant must be used inside the tenant layout");
  const { data } = useMe();
  return data?.tenants.find((t) => t.slug === initial.slug) ?? initial;
}

const RANK: Record<TenantRole, number> = { viewer: 0, developer: 1, owner: 2 };

/** Whether `role` is at least `min`; the API enforces the same rule, this only hides controls. */
export function hasRole(role: TenantRole, min: TenantRole): boolean {
  return RANK[role] >= RANK[min];
}
