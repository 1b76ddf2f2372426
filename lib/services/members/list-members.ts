import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import type { TenantCtx } from "@/lib/services/context";

export async function listMembers({ ctx }: { ctx: TenantCtx }) {
  const db = await getDb();
  const members = await db
    .select({
      id: schema.members.id,
      userId: schema.members.userId,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.members.role,
      createdAt: schema.members.createdAt,
    })
    .from(schema.members)
    .innerJoin(schema.users, eq(schema.users.id, schema.members.userId))
    .where(eq(schema.members.organizationId, ctx.tenant.id))
    .orderBy(asc(schema.members.createdAt));
  return { members };
}
