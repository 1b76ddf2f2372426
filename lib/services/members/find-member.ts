import { and, eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import type { TenantCtx } from "@/lib/services/context";

export async function findMember(tx: Tx, ctx: TenantCtx, memberId: string) {
  const [m] = await tx
    .select()
    .from(schema.members)
    .where(and(eq(schema.members.id, memberId), eq(schema.members.organizationId, ctx.tenant.id)));
  if (!m) throw new NotFound("Member");
  return m;
}

/** A tenant must always keep at least one owner. */
export async function assertNotLastOwner(tx: Tx, ctx: TenantCtx, member: { role: string }): Promise<void> {
  if (member.role !== "owner") return;
  const owners = await tx
    .select({ id: schema.members.id })
    .from(schema.members)
    .where(and(eq(schema.members.organizationId, ctx.tenant.id), eq(schema.members.role, "owner")));
  if (owners.length <= 1) throw new Conflict("A tenant needs at least one owner; make someone else owner first.");
}
