import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { audit, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { findDomain } from "./find-domain";

/** Releases a hostname and its routes; the runtime stops serving it. */
export async function deleteDomain({ ctx, hostname }: { ctx: TenantCtx; hostname: string }): Promise<void> {
  requireRole(ctx, "developer");
  await withTransaction(async (tx) => {
    const d = await findDomain(tx, ctx.tenant.id, hostname);
    await tx.delete(schema.domains).where(and(eq(schema.domains.tenantId, ctx.tenant.id), eq(schema.domains.id, d.id)));
    await appendChange(tx, { kind: "domain.deleted", domainId: d.id, tenantId: ctx.tenant.id }, ctx.tenant.id);
    await audit(tx, ctx, { action: "domain.deleted", tenantId: ctx.tenant.id, target: d.hostname, details: { domainId: d.id } });
  });
  signal("change");
}
