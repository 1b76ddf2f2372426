import crypto from "node:crypto";
import { and, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { schema, type Tx } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { requireDomainSlot } from "@/lib/services/plans/require-domain-slot";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { domainView } from "./find-domain";
import { autoVerified, Hostname, relatedNames } from "./hostname";
import { domainState } from "./runtime-state";

export const CreateDomainInput = z.object({ hostname: Hostname });

// Serialises claims so that two tenants cannot claim overlapping names at the same moment.
const CLAIM_LOCK_KEY = 726_354_006;

/**
 * Refuses a hostname that another tenant holds, or that sits above or below one of another
 * tenant's names (a wildcard included): related names belong to one tenant. The message never
 * says which tenant.
 */
async function assertClaimable(tx: Tx, tenantId: string, hostname: string): Promise<void> {
  const d = schema.domains;
  const [same] = await tx.select({ tenantId: d.tenantId }).from(d).where(eq(d.hostname, hostname)).limit(1);
  if (same) {
    throw new Conflict(same.tenantId === tenantId ? `"${hostname}" is already added to this tenant.` : `"${hostname}" is already claimed by another tenant. A hostname can belong to one tenant only.`);
  }
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  const clash = await tx
    .select({ hostname: d.hostname })
    .from(d)
    .where(and(ne(d.tenantId, tenantId), or(inArray(d.hostname, relatedNames(hostname)), like(d.hostname, `%.${bare.replace(/[%_\\]/g, "\\$&")}`))))
    .limit(1);
  if (clash[0]) throw new Conflict(`"${hostname}" overlaps a hostname claimed by another tenant. A hostname can belong to one tenant only.`);
}

/** Claims a hostname for the caller's tenant; `*.localhost` names are verified at once. */
export async function createDomain({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "developer");
  const { hostname } = parseInput(CreateDomainInput, input);
  const row = await withTransaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(CLAIM_LOCK_KEY))})`);
    await assertClaimable(tx, ctx.tenant.id, hostname);
    await requireDomainSlot(tx, ctx.tenant.id);
    const auto = autoVerified(hostname);
    const [d] = await tx
      .insert(schema.domains)
      .values({
        id: crypto.randomUUID(),
        tenantId: ctx.tenant.id,
        hostname,
        verificationToken: crypto.randomBytes(16).toString("hex"),
        verifiedAt: auto ? new Date() : null,
        verifiedBy: auto ? "auto" : null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await appendChange(tx, { kind: "domain.upserted", domain: domainState(d!) }, ctx.tenant.id);
    await audit(tx, ctx, { action: "domain.created", tenantId: ctx.tenant.id, target: hostname, details: { domainId: d!.id, verified: auto } });
    return d!;
  });
  signal("change");
  return domainView(row, { routes: 0 });
}
