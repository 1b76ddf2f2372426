import { getDb } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { listRoutesOf } from "@/lib/services/routes/list-routes";
import { domainView, findDomain } from "./find-domain";

/** One domain with its routes (in serving order) and their overlaps. */
export async function getDomain({ ctx, hostname }: { ctx: TenantCtx; hostname: string }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const d = await findDomain(db, ctx.tenant.id, hostname);
  const routes = await listRoutesOf(db, ctx.tenant.id, d);
  return { ...domainView(d, { routes: routes.length }), routes };
}
