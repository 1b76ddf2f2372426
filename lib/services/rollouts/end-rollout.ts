import { and, eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { audit, type Ctx } from "@/lib/services/context";
import { publishLiveState } from "@/lib/services/functions/function-state";
import { appendChange } from "@/lib/services/runtime/append-change";
import type { RolloutRow } from "./compare";

/**
 * Ends a rollout inside the caller's transaction: "promote" makes the new version live, "abort"
 * (and the automatic guard) send all traffic back to the live version. Returns the revision.
 */
export async function endRollout(tx: Tx, ctx: Ctx | null, r: RolloutRow, fnName: string, how: "promoted" | "aborted" | "auto_aborted", reason?: string): Promise<number> {
  await tx.delete(schema.rollouts).where(and(eq(schema.rollouts.tenantId, r.tenantId), eq(schema.rollouts.functionId, r.functionId)));
  let revision = await appendChange(tx, { kind: "rollout.cleared", functionId: r.functionId, tenantId: r.tenantId }, r.tenantId);
  if (how === "promoted") {
    await tx
      .update(schema.functions)
      .set({ liveVersion: r.version, updatedAt: new Date() })
      .where(and(eq(schema.functions.tenantId, r.tenantId), eq(schema.functions.id, r.functionId)));
    revision = (await publishLiveState(tx, r.tenantId, r.functionId)) ?? revision;
  }
  await audit(tx, ctx, { action: `rollout.${how}`, tenantId: r.tenantId, target: fnName, details: { functionId: r.functionId, version: r.version, baseVersion: r.baseVersion, percent: r.percent, reason, revision } });
  return revision;
}
