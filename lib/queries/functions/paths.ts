import { seg } from "../fetch-json";

/** REST path of a tenant's functions, or of one function and an optional sub-resource. */
export function fnPath(tenant: string, fn?: string, rest = ""): string {
  const base = `/api/v1/tenants/${seg(tenant)}/functions`;
  return fn === undefined ? base : `${base}/${seg(fn)}${rest}`;
}
