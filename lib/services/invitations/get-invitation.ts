import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema, type Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { effectiveStatus } from "./view";

const Id = z.string().uuid();

/** Loads an invitation by its link id. Whoever holds the link may see whom it invites where. */
export async function loadInvitation(db: Tx | Awaited<ReturnType<typeof getDb>>, id: string) {
  if (!Id.safeParse(id).success) throw new NotFound("Invitation");
  const [row] = await db
    .select({ inv: schema.invitations, tenant: schema.tenants })
    .from(schema.invitations)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.invitations.organizationId))
    .where(eq(schema.invitations.id, id));
  if (!row) throw new NotFound("Invitation");
  return row;
}

export async function getInvitation({ input }: { ctx: Ctx; input: { id: string } }) {
  const db = await getDb();
  const { inv, tenant } = await loadInvitation(db, input.id);
  const [inviter] = await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, inv.inviterId));
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    status: effectiveStatus(inv),
    expiresAt: inv.expiresAt,
    tenant: { slug: tenant.slug, name: tenant.name },
    inviterEmail: inviter?.email ?? null,
  };
}
