import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { signal } from "@/lib/services/runtime/signals";
import { findFunction, FunctionName, functionView } from "./find-function";
import { publishLiveState } from "./function-state";

export const UpdateFunctionInput = z
  .object({
    name: FunctionName.optional(),
    description: z.string().trim().max(500, "must be at most 500 characters").optional(),
  })
  .refine((d) => d.name !== undefined || d.description !== undefined, { message: "send name and/or description", path: ["(body)"] });

/** Renames a function or changes its description; a live function's new name reaches the runtime. */
export async function updateFunction({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(UpdateFunctionInput, input);
  const f = schema.functions;
  const result = await withTransaction(async (tx) => {
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    if (data.name && data.name !== row.name) {
      const [taken] = await tx.select({ id: f.id }).from(f).where(and(eq(f.tenantId, ctx.tenant.id), eq(f.name, data.name), ne(f.id, row.id)));
      if (taken) throw new Conflict(`A function named "${data.name}" already exists in this tenant.`);
    }
    const [updated] = await tx
      .update(f)
      .set({ ...data, updatedAt: new Date() })
      .where(and(eq(f.tenantId, ctx.tenant.id), eq(f.id, row.id)))
      .returning();
    const revision = data.name && data.name !== row.name ? await publishLiveState(tx, ctx.tenant.id, row.id) : null;
    await audit(tx, ctx, { action: "function.updated", tenantId: ctx.tenant.id, target: updated!.name, details: { functionId: row.id, from: row.name, changed: Object.keys(data) } });
    return { view: functionView(updated!), revision };
  });
  if (result.revision !== null) signal("change");
  return result.view;
}
