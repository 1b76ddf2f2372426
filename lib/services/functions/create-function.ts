import crypto from "node:crypto";
import { z } from "zod";
import { schema } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { requireFunctionSlot } from "@/lib/services/plans/require-function-slot";
import { FunctionName, functionView } from "./find-function";

export const CreateFunctionInput = z.object({
  name: FunctionName,
  description: z.string().trim().max(500, "must be at most 500 characters").default(""),
});

/** Creates an empty function (nothing runs until its first deployment). */
export async function createFunction({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(CreateFunctionInput, input);
  return withTransaction(async (tx) => {
    await requireFunctionSlot(tx, ctx.tenant.id);
    // ON CONFLICT rather than a prior SELECT: two concurrent creates must not both pass a check.
    const [row] = await tx
      .insert(schema.functions)
      .values({ id: crypto.randomUUID(), tenantId: ctx.tenant.id, name: data.name, description: data.description, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`A function named "${data.name}" already exists in this tenant.`);
    await audit(tx, ctx, { action: "function.created", tenantId: ctx.tenant.id, target: data.name, details: { functionId: row.id } });
    return functionView(row);
  });
}
