import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { audit, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";

export async function cancelInvitation({ ctx, input }: { ctx: TenantCtx; input: { id: string } }): Promise<void> {
  requireRole(ctx, "owner");
  await withTransaction(async (tx) => {
    const [inv] = await tx
      .update(schema.invitations)
      .set({ status: "canceled" })
      .where(and(eq(schema.invitations.id, input.id), eq(schema.invitations.organizationId, ctx.tenant.id)))
      .returning();
    if (!inv) throw new NotFound("Invitation");
    await audit(tx, ctx, { action: "invitation.canceled", tenantId: ctx.tenant.id, target: inv.email });
  });
}
