import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { TENANT_ROLES } from "@/drizzle/schema";
import { schema } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { Email } from "@/lib/services/users/insert-user";
import { INVITATION_TTL_MS, invitationUrl } from "./view";

const CreateInvitationInput = z.object({ email: Email, role: z.enum(TENANT_ROLES) }).strict();

export async function createInvitation({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "owner");
  const data = parseInput(CreateInvitationInput, input);
  return withTransaction(async (tx) => {
    const [already] = await tx
      .select({ id: schema.members.id })
      .from(schema.members)
      .innerJoin(schema.users, eq(schema.users.id, schema.members.userId))
      .where(and(eq(schema.members.organizationId, ctx.tenant.id), sql`lower(${schema.users.email}) = ${data.email}`));
    if (already) throw new Conflict(`${data.email} is already a member of "${ctx.tenant.slug}".`);
    // A new invitation for the same address replaces the pending one.
    await tx
      .update(schema.invitations)
      .set({ status: "canceled" })
      .where(and(eq(schema.invitations.organizationId, ctx.tenant.id), eq(schema.invitations.email, data.email), eq(schema.invitations.status, "pending")));
    const [inv] = await tx
      .insert(schema.invitations)
      .values({
        id: crypto.randomUUID(),
        organizationId: ctx.tenant.id,
        email: data.email,
        role: data.role,
        status: "pending",
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        inviterId: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, { action: "invitation.created", tenantId: ctx.tenant.id, target: data.email, details: { role: data.role } });
    const { id, email, role, status, expiresAt, createdAt } = inv!;
    return { id, email, role, status, expiresAt, createdAt, inviterEmail: ctx.actor.email, url: invitationUrl(id) };
  });
}
