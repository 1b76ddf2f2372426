import { sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { MetricsBatch, type Rollup } from "@/runtime/src/protocol";
import { refreshQuotas } from "@/lib/services/usage/quota";
import { recordDailyUsage } from "@/lib/services/usage/record-daily";
import { addArrays, addJsonArrays, addTenantRollups, COUNTERS } from "@/lib/services/metrics/tenant-rollups";
import { claimBatch } from "./claim-batch";
import { parseMessage } from "./parse-message";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";
import { enforceRolloutGuards } from "@/lib/services/rollouts/guard";

const r = schema.invocationRollups;
const HISTS = ["latencyHist", "cpuHist"] as const;
const CHUNK = 200;

/** One row per key: a multi-row upsert may not touch the same row twice. */
function mergeByKey(rollups: Rollup[]): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const x of rollups) {
    const minute = new Date(x.minute).toISOString();
    const key = `${x.functionId}\u0000${x.version}\u0000${minute}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...x, minute });
      continue;
    }
    for (const k of COUNTERS) prev[k] += x[k];
    for (const k of HISTS) prev[k] = addArrays(prev[k], x[k]);
  }
  return [...byKey.values()];
}

const updateSet = {
  ...Object.fromEntries(COUNTERS.map((k) => [k, sql`${r[k]} + ${sql.raw(`excluded."${r[k].name}"`)}`])),
  latencyHist: addJsonArrays(r.latencyHist),
  cpuHist: addJsonArrays(r.cpuHist),
};

/**
 * Adds a node's per-minute rollups to the totals, exactly once per batch id: the batch row and the
 * counters commit together, so a flush retried after a lost answer is acknowledged and ignored.
 * Not audited: this is telemetry, not a change anyone made.
 */
export async function ingestMetrics({ ctx, input }: { ctx: RuntimeCtx; input: unknown }): Promise<{ ok: true; duplicate: boolean }> {
  requireRuntime(ctx);
  const batch = parseMessage(MetricsBatch, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await claimBatch(tx, { id: batch.batchId, nodeId: batch.nodeId, kind: "metrics", items: batch.rollups.length }))) {
      return { ok: true, duplicate: true };
    }
    const rows = mergeByKey(batch.rollups).map((x) => ({ ...x, minute: new Date(x.minute) }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insert(r)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoUpdate({ target: [r.functionId, r.version, r.minute], set: updateSet });
    }
    // The tenant-wide rows that tenant charts read move in the same transaction.
    await addTenantRollups(tx, batch.rollups);
    // Billing totals move with the rollups; a tenant that just used up a quota is blocked at once.
    await refreshQuotas(tx, await recordDailyUsage(tx, batch.rollups));
    // A rollout whose new version fails more than its threshold allows ends with these numbers.
    await enforceRolloutGuards(tx, batch.rollups);
    return { ok: true, duplicate: false };
  });
}
