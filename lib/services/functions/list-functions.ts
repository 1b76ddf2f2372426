import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { functionView } from "./find-function";

/**
 * Every function of the caller's tenant, by name, with its most recent deploy (who and when) and
 * its invocations and errors over the last 24 hours (summed from the rollups, minute or hour rows).
 */
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
  const ir = schema.invocationRollups;
  const usage = await db
    .select({ functionId: ir.functionId, requests: sql<string | number>`sum(${ir.requests})`, errors: sql<string | number>`sum(${ir.errors})` })
    .from(ir)
    .where(and(eq(ir.tenantId, ctx.tenant.id), gte(ir.minute, sql`now() - interval '24 hours'`)))
    .groupBy(ir.functionId);
  const last24h = new Map(usage.map((u) => [u.functionId, { invocations: Number(u.requests), errors: Number(u.errors) }]));
  return { functions: rows.map((r) => ({ ...functionView(r), lastDeploy: byFn.get(r.id) ?? null, last24h: last24h.get(r.id) ?? { invocations: 0, errors: 0 } })) };
}
