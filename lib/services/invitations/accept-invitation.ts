import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { Conflict, Forbidden } from "@/lib/errors";
import { audit, withTransaction, type Ctx } from "@/lib/services/context";
import { loadInvitation } from "./get-invitation";
import { effectiveStatus } from "./view";

/** The signed-in user joins the tenant; the invitation must be pending and addressed to them. */
export async function acceptInvitation({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(async (tx) => {
    const { inv, tenant } = await loadInvitation(tx, input.id);
    const status = effectiveStatus(inv);
    if (status !== "pending") throw new Conflict(`This invitation is ${status}; ask for a new one.`);
    if (inv.email.toLowerCase() !== ctx.actor.email.toLowerCase()) {
      throw new Forbidden(`This invitation is for ${inv.email}; you are signed in as ${ctx.actor.email}.`);
    }
    const [existing] = await tx
      .select({ id: schema.members.id })
      .from(schema.members)
      .where(and(eq(schema.members.organizationId, tenant.id), eq(schema.members.userId, ctx.actor.userId)));
    const role = inv.role ?? "viewer";
    if (!existing) {
      await tx.insert(schema.members).values({ id: crypto.randomUUID(), organizationId: tenant.id, userId: ctx.actor.userId, role });
    }
    await tx.update(schema.invitations).set({ status: "accepted" }).where(eq(schema.invitations.id, inv.id));
    await audit(tx, ctx, { action: "invitation.accepted", tenantId: tenant.id, target: ctx.actor.email, details: { role } });
    return { tenant: { slug: tenant.slug, name: tenant.name }, role };
  });
}
