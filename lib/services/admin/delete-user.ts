import { eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { forgetCachedActors } from "@/lib/services/auth/authenticate";
import { audit, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";

/** Deletes a user (sessions, tokens and memberships cascade). Refused while it is a tenant's only owner. */
export async function adminDeleteUser({ ctx, input }: { ctx: Ctx; input: { userId: string } }): Promise<void> {
  requirePlatformAdmin(ctx);
  if (input.userId === ctx.actor.userId) throw new Conflict("You cannot delete yourself.");
  await withTransaction(async (tx) => {
    const [u] = await tx.select().from(schema.users).where(eq(schema.users.id, input.userId));
    if (!u) throw new NotFound("User");
    const owned = await tx
      .select({ tenantId: schema.members.organizationId })
      .from(schema.members)
      .where(eq(schema.members.userId, u.id));
    for (const { tenantId } of owned) {
      const owners = await tx.select({ userId: schema.members.userId, role: schema.members.role }).from(schema.members).where(eq(schema.members.organizationId, tenantId));
      const others = owners.filter((o) => o.role === "owner" && o.userId !== u.id);
      if (owners.some((o) => o.userId === u.id && o.role === "owner") && others.length === 0) {
        throw new Conflict(`${u.email} is the only owner of a tenant; delete the tenant or add another owner first.`);
      }
    }
    await tx.delete(schema.users).where(eq(schema.users.id, u.id));
    await audit(tx, ctx, { action: "user.deleted", target: u.id, details: { email: u.email } });
  });
  forgetCachedActors();
}
