import { and, asc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { variableView } from "./variable-view";

/** A function's variables and secrets by name; secrets without their values. */
export async function listVariables({ ctx, fn }: { ctx: TenantCtx; fn: string }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const fv = schema.functionVariables;
  const rows = await db.select().from(fv).where(and(eq(fv.tenantId, ctx.tenant.id), eq(fv.functionId, row.id))).orderBy(asc(fv.name));
  return { variables: rows.map(variableView) };
}
