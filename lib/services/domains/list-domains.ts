import { asc, count, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { domainView } from "./find-domain";

/** The tenant's domains by hostname, each with its number of routes. */
export async function listDomains({ ctx }: { ctx: TenantCtx }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const rows = await db.select().from(schema.domains).where(eq(schema.domains.tenantId, ctx.tenant.id)).orderBy(asc(schema.domains.hostname));
  const counts = await db
    .select({ domainId: schema.routes.domainId, n: count() })
    .from(schema.routes)
    .where(eq(schema.routes.tenantId, ctx.tenant.id))
    .groupBy(schema.routes.domainId);
  const byDomain = new Map(counts.map((c) => [c.domainId, c.n]));
  return { domains: rows.map((d) => domainView(d, { routes: byDomain.get(d.id) ?? 0 })) };
}
