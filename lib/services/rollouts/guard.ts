import { and, eq, inArray } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import type { Rollup } from "@/runtime/src/protocol";
import { abortReason, compareVersions } from "./compare";
import { endRollout } from "./end-rollout";

/**
 * The automatic abort: after a metrics batch lands, every rollout of the functions it touched is
 * compared again and ended when the new version's error rate exceeds the threshold. Runs inside
 * the ingest transaction, so the abort and the numbers behind it commit together.
 */
export async function enforceRolloutGuards(tx: Tx, rollups: Rollup[]): Promise<void> {
  const ids = [...new Set(rollups.map((r) => r.functionId))];
  if (ids.length === 0) return;
  const rows = await tx.select().from(schema.rollouts).where(inArray(schema.rollouts.functionId, ids));
  for (const r of rows) {
    if (r.abortOnErrorRate === null) continue;
    const reason = abortReason(r, await compareVersions(tx, r));
    if (!reason) continue;
    const [fn] = await tx.select({ name: schema.functions.name }).from(schema.functions).where(and(eq(schema.functions.tenantId, r.tenantId), eq(schema.functions.id, r.functionId)));
    await endRollout(tx, null, r, fn?.name ?? r.functionId, "auto_aborted", reason);
  }
}
