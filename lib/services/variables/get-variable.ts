import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { VariableName, variableView } from "./variable-view";

/** One variable; a secret is shown as existing, without its value. */
export async function getVariable({ ctx, fn, name }: { ctx: TenantCtx; fn: string; name: string }) {
  requireRole(ctx, "viewer");
  const { name: varName } = parseInput(z.object({ name: VariableName }), { name });
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const fv = schema.functionVariables;
  const [v] = await db.select().from(fv).where(and(eq(fv.tenantId, ctx.tenant.id), eq(fv.functionId, row.id), eq(fv.name, varName)));
  if (!v) throw new NotFound(`Variable "${varName}"`);
  return variableView(v);
}
