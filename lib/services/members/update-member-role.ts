import { eq } from "drizzle-orm";
import { z } from "zod";
import { TENANT_ROLES } from "@/drizzle/schema";
import { schema } from "@/lib/db";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { assertNotLastOwner, findMember } from "./find-member";

const UpdateRoleInput = z.object({ role: z.enum(TENANT_ROLES) }).strict();

export async function updateMemberRole({ ctx, input }: { ctx: TenantCtx; input: { memberId: string; body: unknown } }) {
  requireRole(ctx, "owner");
  const { role } = parseInput(UpdateRoleInput, input.body);
  return withTransaction(async (tx) => {
    const member = await findMember(tx, ctx, input.memberId);
    if (role !== "owner") await assertNotLastOwner(tx, ctx, member);
    await tx.update(schema.members).set({ role }).where(eq(schema.members.id, member.id));
    await audit(tx, ctx, { action: "member.role_changed", tenantId: ctx.tenant.id, target: member.userId, details: { from: member.role, to: role } });
    return { id: member.id, userId: member.userId, role };
  });
}
