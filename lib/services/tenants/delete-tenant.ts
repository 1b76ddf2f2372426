import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { audit, requireRole, withTransaction, type Ctx, type TenantCtx } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";

/** Removes a tenant and everything it owns (cascades), and tells the runtime to stop serving it. */
export async function removeTenant(tx: Tx, ctx: Ctx, tenant: { id: string; slug: string }): Promise<void> {
  await tx.delete(schema.tenants).where(eq(schema.tenants.id, tenant.id));
  await appendChange(tx, { kind: "tenant.deleted", tenantId: tenant.id }, tenant.id);
  await audit(tx, ctx, { action: "tenant.deleted", tenantId: tenant.id, target: tenant.slug });
}

export async function deleteTenant({ ctx }: { ctx: TenantCtx }): Promise<void> {
  requireRole(ctx, "owner");
  await withTransaction((tx) => removeTenant(tx, ctx, ctx.tenant));
}
