import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { sealVariable } from "@/lib/crypto/at-rest";
import { LimitExceeded } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { publishLiveState } from "@/lib/services/functions/function-state";
import { signal } from "@/lib/services/runtime/signals";
import { VariableName, variableView } from "./variable-view";

const MAX_VARIABLES = 100;

export const PutVariableInput = z.object({
  name: VariableName,
  value: z.string().max(32_768, "must be at most 32768 characters"),
  secret: z.boolean().default(false),
});

/**
 * Creates or replaces a variable. A secret is stored sealed under SECRETS_KEY and never returned.
 * If the function is live, its state is published again with the same version and the new
 * variables, so the runtime uses them from its next request on.
 */
export async function putVariable({ ctx, fn, name, input }: { ctx: TenantCtx; fn: string; name: string; input: unknown }) {
  requireRole(ctx, "developer");
  // The name comes from the path; a body that is not an object is reported as missing `value`.
  const body = input && typeof input === "object" && !Array.isArray(input) ? input : {};
  const data = parseInput(PutVariableInput, { ...body, name });
  const fv = schema.functionVariables;
  const result = await withTransaction(async (tx) => {
    // Locked so that concurrent changes to one function publish states that include each other.
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const where = and(eq(fv.tenantId, ctx.tenant.id), eq(fv.functionId, row.id));
    const [existing] = await tx.select({ name: fv.name }).from(fv).where(and(where, eq(fv.name, data.name)));
    const [total] = await tx.select({ n: count() }).from(fv).where(where);
    if (!existing && (total?.n ?? 0) >= MAX_VARIABLES) throw new LimitExceeded(`A function may have at most ${MAX_VARIABLES} variables.`, { limit: MAX_VARIABLES });
    const stored = data.secret
      ? { value: null, sealedValue: sealVariable(row.id, data.name, data.value), secret: true }
      : { value: data.value, sealedValue: null, secret: false };
    const set = { ...stored, updatedAt: new Date(), updatedBy: ctx.actor.userId };
    const [saved] = await tx
      .insert(fv)
      .values({ functionId: row.id, tenantId: ctx.tenant.id, name: data.name, ...set })
      .onConflictDoUpdate({ target: [fv.functionId, fv.name], set })
      .returning();
    const revision = await publishLiveState(tx, ctx.tenant.id, row.id);
    // Name and kind only: the value, secret or not, stays out of the audit trail.
    await audit(tx, ctx, { action: existing ? "variable.updated" : "variable.created", tenantId: ctx.tenant.id, target: `${row.name}/${data.name}`, details: { functionId: row.id, name: data.name, secret: data.secret, revision } });
    return { ...variableView(saved!), revision };
  });
  if (result.revision !== null) signal("change");
  return result;
}
