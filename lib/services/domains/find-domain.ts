import { and, eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { verificationRecord } from "./hostname";

export type DomainRow = typeof schema.domains.$inferSelect;

/** A hostname from a URL path segment, as stored (lowercase, no trailing dot). */
export function hostnameParam(raw: string): string {
  let h = raw;
  try {
    h = decodeURIComponent(raw);
  } catch {
    // Already decoded by the router, or not valid percent-encoding: use it as it is.
  }
  return h.toLowerCase().replace(/\.$/, "");
}

/** The tenant's domain by hostname, else NotFound (another tenant's domain is not found either). */
export async function findDomain(q: Db | Tx, tenantId: string, hostname: string): Promise<DomainRow> {
  const h = hostnameParam(hostname);
  const [row] = await q
    .select()
    .from(schema.domains)
    .where(and(eq(schema.domains.tenantId, tenantId), eq(schema.domains.hostname, h)))
    .limit(1);
  if (!row) throw new NotFound(`Domain "${h}"`);
  return row;
}

/** What the API shows of a domain. The verification token is meant to be published in DNS. */
export function domainView(d: DomainRow, extra: { routes?: number } = {}) {
  return {
    id: d.id,
    hostname: d.hostname,
    wildcard: d.hostname.startsWith("*."),
    verified: d.verifiedAt !== null,
    verifiedAt: d.verifiedAt,
    verifiedBy: d.verifiedBy,
    verification: verificationRecord(d.hostname, d.verificationToken),
    lastCheckAt: d.lastCheckAt,
    lastCheckError: d.lastCheckError,
    createdAt: d.createdAt,
    ...extra,
  };
}
