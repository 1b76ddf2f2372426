import { desc, eq, ilike, or, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requirePlatformAdmin, type Ctx } from "@/lib/services/context";

export async function adminListTenants({ ctx, input }: { ctx: Ctx; input: { q?: string | null } }) {
  requirePlatformAdmin(ctx);
  const db = await getDb();
  const t = schema.tenants;
  const q = input.q?.trim();
  const where = q ? or(ilike(t.name, `%${q}%`), ilike(t.slug, `%${q}%`)) : undefined;
  const tenants = await db
    .select({ id: t.id, slug: t.slug, name: t.name, status: t.status, plan: t.plan, createdAt: t.createdAt, members: sql<number>`count(${schema.members.id})::int` })
    .from(t)
    .leftJoin(schema.members, eq(schema.members.organizationId, t.id))
    .where(where)
    .groupBy(t.id)
    .orderBy(desc(t.createdAt))
    .limit(500);
  return { tenants };
}
