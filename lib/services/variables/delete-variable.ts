import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { publishLiveState } from "@/lib/services/functions/function-state";
import { signal } from "@/lib/services/runtime/signals";
import { VariableName } from "./variable-view";

/** Removes a variable; a live function is published again without it. */
export async function deleteVariable({ ctx, fn, name }: { ctx: TenantCtx; fn: string; name: string }): Promise<void> {
  requireRole(ctx, "developer");
  const { name: varName } = parseInput(z.object({ name: VariableName }), { name });
  const fv = schema.functionVariables;
  const revision = await withTransaction(async (tx) => {
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const gone = await tx
      .delete(fv)
      .where(and(eq(fv.tenantId, ctx.tenant.id), eq(fv.functionId, row.id), eq(fv.name, varName)))
      .returning({ secret: fv.secret });
    if (gone.length === 0) throw new NotFound(`Variable "${varName}"`);
    const rev = await publishLiveState(tx, ctx.tenant.id, row.id);
    await audit(tx, ctx, { action: "variable.deleted", tenantId: ctx.tenant.id, target: `${row.name}/${varName}`, details: { functionId: row.id, name: varName, secret: gone[0]!.secret, revision: rev } });
    return rev;
  });
  if (revision !== null) signal("change");
}
