import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { signal } from "@/lib/services/runtime/signals";
import { waitForNodes } from "@/lib/services/runtime/wait-for-nodes";
import { findFunction } from "./find-function";
import { publishLiveState } from "./function-state";

export const RollbackInput = z.object({ version: z.number().int().positive() });

/**
 * Makes an earlier version live again. Versions are immutable and keep their compiled code, so
 * this never compiles and is never refused for a version that exists.
 */
export async function rollbackFunction({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const { version } = parseInput(RollbackInput, input);
  const v = schema.functionVersions;
  const revision = await withTransaction(async (tx) => {
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const [exists] = await tx
      .select({ number: v.number })
      .from(v)
      .where(and(eq(v.tenantId, ctx.tenant.id), eq(v.functionId, row.id), eq(v.number, version)));
    if (!exists) throw new NotFound(`Version ${version} of function "${row.name}"`);
    await tx
      .update(schema.functions)
      .set({ liveVersion: version, updatedAt: new Date() })
      .where(and(eq(schema.functions.tenantId, ctx.tenant.id), eq(schema.functions.id, row.id)));
    const rev = (await publishLiveState(tx, ctx.tenant.id, row.id))!;
    await audit(tx, ctx, { action: "function.rolled_back", tenantId: ctx.tenant.id, target: row.name, details: { functionId: row.id, from: row.liveVersion, to: version, revision: rev } });
    return rev;
  });
  signal("change");
  return { version, revision, ...(await waitForNodes(revision)) };
}
