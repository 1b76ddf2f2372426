import { eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { audit, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { assertNotLastOwner, findMember } from "./find-member";

/** Owners remove anyone; any member may remove itself (leave). */
export async function removeMember({ ctx, input }: { ctx: TenantCtx; input: { memberId: string } }): Promise<void> {
  await withTransaction(async (tx) => {
    const member = await findMember(tx, ctx, input.memberId);
    if (member.userId !== ctx.actor.userId) requireRole(ctx, "owner");
    await assertNotLastOwner(tx, ctx, member);
    await tx.delete(schema.members).where(eq(schema.members.id, member.id));
    await audit(tx, ctx, { action: "member.removed", tenantId: ctx.tenant.id, target: member.userId, details: { role: member.role } });
  });
}
