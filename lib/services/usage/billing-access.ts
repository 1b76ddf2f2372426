import { and, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { Forbidden } from "@/lib/errors";
import type { TenantCtx } from "@/lib/services/context";

/** Whether the caller may see the tenant's usage and invoices: owners, and members an owner granted it. */
export async function canSeeBilling(ctx: TenantCtx): Promise<boolean> {
  if (ctx.role === "owner") return true;
  const db = await getDb();
  const [row] = await db
    .select({ memberId: schema.billingAccess.memberId })
    .from(schema.billingAccess)
    .innerJoin(schema.members, eq(schema.members.id, schema.billingAccess.memberId))
    .where(and(eq(schema.members.organizationId, ctx.tenant.id), eq(schema.members.userId, ctx.actor.userId)));
  return Boolean(row);
}

export async function requireBilling(ctx: TenantCtx): Promise<void> {
  if (!(await canSeeBilling(ctx))) {
    throw new Forbidden(`Usage and billing of tenant "${ctx.tenant.slug}" are visible to owners and to members an owner granted billing access; you are ${ctx.role}.`);
  }
}
