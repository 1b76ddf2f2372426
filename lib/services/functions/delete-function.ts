import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { audit, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { findFunction } from "./find-function";

/** Deletes a function with its versions and variables and tells the runtime to stop serving it. */
export async function deleteFunction({ ctx, fn }: { ctx: TenantCtx; fn: string }): Promise<void> {
  requireRole(ctx, "developer");
  await withTransaction(async (tx) => {
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    await tx.delete(schema.functions).where(and(eq(schema.functions.tenantId, ctx.tenant.id), eq(schema.functions.id, row.id)));
    await appendChange(tx, { kind: "function.deleted", functionId: row.id, tenantId: ctx.tenant.id }, ctx.tenant.id);
    await audit(tx, ctx, { action: "function.deleted", tenantId: ctx.tenant.id, target: row.name, details: { functionId: row.id, liveVersion: row.liveVersion } });
  });
  signal("change");
}
