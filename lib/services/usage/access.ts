import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { Forbidden, NotFound } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";

/** Members and whether each may see billing (owners always may). Owner only. */
export async function listBillingAccess({ ctx }: { ctx: TenantCtx }) {
  if (ctx.role !== "owner") throw new Forbidden(`Only owners of tenant "${ctx.tenant.slug}" manage billing access; you are ${ctx.role}.`);
  const db = await getDb();
  const m = schema.members;
  const rows = await db
    .select({ memberId: m.id, userId: m.userId, email: schema.users.email, name: schema.users.name, role: m.role, granted: schema.billingAccess.memberId })
    .from(m)
    .innerJoin(schema.users, eq(schema.users.id, m.userId))
    .leftJoin(schema.billingAccess, eq(schema.billingAccess.memberId, m.id))
    .where(eq(m.organizationId, ctx.tenant.id));
  return { members: rows.map(({ granted, ...r }) => ({ ...r, billing: r.role === "owner" || granted !== null })) };
}

const GrantInput = z.object({ memberId: z.string().min(1, "is required"), billing: z.boolean({ error: "must be true or false" }) }).strict();

/** An owner grants or withdraws a member's billing access. */
export async function setBillingAccess({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "owner");
  const data = parseInput(GrantInput, input);
  await withTransaction(async (tx) => {
    const [member] = await tx.select().from(schema.members).where(and(eq(schema.members.id, data.memberId), eq(schema.members.organizationId, ctx.tenant.id)));
    if (!member) throw new NotFound("Member");
    if (data.billing) {
      await tx.insert(schema.billingAccess).values({ memberId: member.id, tenantId: ctx.tenant.id, grantedBy: ctx.actor.userId }).onConflictDoNothing();
    } else {
      await tx.delete(schema.billingAccess).where(eq(schema.billingAccess.memberId, member.id));
    }
    await audit(tx, ctx, { action: data.billing ? "billing.access_granted" : "billing.access_revoked", tenantId: ctx.tenant.id, target: member.userId, details: { memberId: member.id } });
  });
  return listBillingAccess({ ctx });
}
