import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import type { Ctx } from "@/lib/services/context";

/** The caller and every tenant it belongs to, with its role in each. */
export async function getMe({ ctx }: { ctx: Ctx }) {
  const db = await getDb();
  const tenants = await db
    .select({
      id: schema.tenants.id,
      slug: schema.tenants.slug,
      name: schema.tenants.name,
      status: schema.tenants.status,
      plan: schema.tenants.plan,
      role: schema.members.role,
    })
    .from(schema.members)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.members.organizationId))
    .where(eq(schema.members.userId, ctx.actor.userId))
    .orderBy(asc(schema.tenants.name));
  const { userId, email, name, platformRole } = ctx.actor;
  return { user: { id: userId, email, name, platformRole }, tenants };
}
