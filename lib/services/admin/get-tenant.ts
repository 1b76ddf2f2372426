import { asc, eq, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { requirePlatformAdmin, type Ctx } from "@/lib/services/context";
import { periodOf } from "@/lib/services/usage/period";
import { quotaWarnings } from "@/lib/services/usage/quota";
import { tenantUsage } from "@/lib/services/usage/tenant-usage";

/** Everything the admin's tenant page shows: members, functions, this period's usage and limits. */
export async function adminTenantDetail({ ctx, input, now = new Date() }: { ctx: Ctx; input: { slug: string }; now?: Date }) {
  requirePlatformAdmin(ctx);
  const db = await getDb();
  const [t] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, input.slug));
  if (!t) throw new NotFound(`Tenant "${input.slug}"`);
  const members = await db
    .select({ id: schema.members.id, userId: schema.users.id, email: schema.users.email, name: schema.users.name, role: schema.members.role, createdAt: schema.members.createdAt })
    .from(schema.members)
    .innerJoin(schema.users, eq(schema.users.id, schema.members.userId))
    .where(eq(schema.members.organizationId, t.id))
    .orderBy(asc(schema.members.createdAt));
  const f = schema.functions;
  const functions = await db
    .select({ id: f.id, name: f.name, createdAt: f.createdAt, versions: sql<number>`count(${schema.functionVersions.id})::int` })
    .from(f)
    .leftJoin(schema.functionVersions, eq(schema.functionVersions.functionId, f.id))
    .where(eq(f.tenantId, t.id))
    .groupBy(f.id)
    .orderBy(asc(f.name));
  const usage = await tenantUsage(db, t, periodOf(now), now);
  return {
    tenant: { id: t.id, slug: t.slug, name: t.name, status: t.status, plan: t.plan, limitOverrides: t.limitOverrides, quotaBlock: t.quotaBlock, createdAt: t.createdAt },
    members,
    functions,
    usage: { ...usage, warnings: quotaWarnings(usage) },
  };
}
