import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { audit, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findDomain } from "@/lib/services/domains/find-domain";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";

/** Detaches a route; requests it served answer 404 as soon as the runtime applies the change. */
export async function deleteRoute({ ctx, hostname, id }: { ctx: TenantCtx; hostname: string; id: string }): Promise<void> {
  requireRole(ctx, "developer");
  await withTransaction(async (tx) => {
    const d = await findDomain(tx, ctx.tenant.id, hostname);
    const [row] = await tx
      .delete(schema.routes)
      .where(and(eq(schema.routes.tenantId, ctx.tenant.id), eq(schema.routes.domainId, d.id), eq(schema.routes.id, id)))
      .returning();
    if (!row) throw new NotFound(`Route "${id}" on "${d.hostname}"`);
    await appendChange(tx, { kind: "route.deleted", routeId: row.id, tenantId: ctx.tenant.id }, ctx.tenant.id);
    await audit(tx, ctx, { action: "route.deleted", tenantId: ctx.tenant.id, target: `${d.hostname}${row.pattern}`, details: { routeId: row.id } });
  });
  signal("change");
}
