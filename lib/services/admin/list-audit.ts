import { and, desc, eq, ilike, type SQL } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requirePlatformAdmin, type Ctx } from "@/lib/services/context";

export async function adminListAudit({ ctx, input }: { ctx: Ctx; input: { tenant?: string | null; action?: string | null; limit?: string | null } }) {
  requirePlatformAdmin(ctx);
  const db = await getDb();
  const a = schema.auditLog;
  const filters: SQL[] = [];
  if (input.tenant) filters.push(eq(schema.tenants.slug, input.tenant));
  if (input.action) filters.push(ilike(a.action, `${input.action}%`));
  const limit = Math.min(Math.max(Number(input.limit) || 100, 1), 1000);
  const entries = await db
    .select({ id: a.id, at: a.at, actorEmail: a.actorEmail, tenantId: a.tenantId, tenantSlug: schema.tenants.slug, action: a.action, target: a.target, details: a.details })
    .from(a)
    .leftJoin(schema.tenants, eq(schema.tenants.id, a.tenantId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(a.id))
    .limit(limit);
  return { entries };
}
