import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { listRoutesOf } from "@/lib/services/routes/list-routes";
import { domainView } from "./find-domain";

/** The tenant's domains by hostname, each with its routes in serving order. */
export async function listDomains({ ctx }: { ctx: TenantCtx }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const rows = await db.select().from(schema.domains).where(eq(schema.domains.tenantId, ctx.tenant.id)).orderBy(asc(schema.domains.hostname));
  const domains = [];
  for (const d of rows) {
    const routes = await listRoutesOf(db, ctx.tenant.id, d);
    domains.push({ ...domainView(d, { routes: routes.length }), routeList: routes });
  }
  return { domains };
}
