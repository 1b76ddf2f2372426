import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import type { TenantCtx } from "@/lib/services/context";
import { effectiveStatus, invitationUrl } from "./view";

export async function listInvitations({ ctx }: { ctx: TenantCtx }) {
  const db = await getDb();
  const rows = await db
    .select({ inv: schema.invitations, inviterEmail: schema.users.email })
    .from(schema.invitations)
    .leftJoin(schema.users, eq(schema.users.id, schema.invitations.inviterId))
    .where(eq(schema.invitations.organizationId, ctx.tenant.id))
    .orderBy(desc(schema.invitations.createdAt));
  const canSeeLinks = ctx.role === "owner";
  return {
    invitations: rows.map(({ inv, inviterEmail }) => ({
      id: inv.id,
      email: inv.email,
      role: inv.role,
      status: effectiveStatus(inv),
      expiresAt: inv.expiresAt,
      createdAt: inv.createdAt,
      inviterEmail,
      // The link is a bearer credential for joining: only owners, who can make new ones, see it.
      url: canSeeLinks ? invitationUrl(inv.id) : null,
    })),
  };
}
