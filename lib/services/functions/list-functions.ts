import { and, asc, desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { functionView } from "./find-function";

/** Every function of the caller's tenant, by name, with its most recent deploy (who and when). */
export async function listFunctions({ ctx }: { ctx: TenantCtx }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const rows = await db.select().from(schema.functions).where(eq(schema.functions.tenantId, ctx.tenant.id)).orderBy(asc(schema.functions.name));
  const v = schema.functionVersions;
  const latest = await db
    .selectDistinctOn([v.functionId], { functionId: v.functionId, version: v.number, at: v.createdAt, byName: schema.users.name, byEmail: schema.users.email })
    .from(v)
    .leftJoin(schema.users, eq(schema.users.id, v.authorId))
    .where(and(eq(v.tenantId, ctx.tenant.id)))
    .orderBy(v.functionId, desc(v.number));
  const byFn = new Map(latest.map(({ functionId, ...d }) => [functionId, d]));
  return { functions: rows.map((r) => ({ ...functionView(r), lastDeploy: byFn.get(r.id) ?? null })) };
}
