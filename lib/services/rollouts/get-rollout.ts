import { getDb } from "@/lib/db";
import { requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { signal } from "@/lib/services/runtime/signals";
import { abortReason, compareVersions, MIN_REQUESTS_FOR_ABORT } from "./compare";
import { endRollout } from "./end-rollout";
import { findRollout, rolloutView } from "./find-rollout";

/**
 * The function's rollout with both versions' error rate and latency side by side. The automatic
 * abort is evaluated here too (and after every metrics batch), so a page left open shows it at once.
 */
export async function getRollout({ ctx, fn }: { ctx: TenantCtx; fn: string }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const r = await findRollout(db, ctx.tenant.id, row.id);
  if (!r) return { rollout: null, liveVersion: row.liveVersion, comparison: null };
  const comparison = await compareVersions(db, r);
  const reason = abortReason(r, comparison);
  if (reason) {
    const ended = await withTransaction(async (tx) => {
      const again = await findRollout(tx, ctx.tenant.id, row.id);
      if (!again || again.version !== r.version) return false;
      await endRollout(tx, null, again, row.name, "auto_aborted", reason);
      return true;
    });
    if (ended) signal("change");
    return { rollout: null, liveVersion: row.liveVersion, comparison, abortedReason: reason };
  }
  return { rollout: rolloutView(r), liveVersion: row.liveVersion, comparison, minRequestsForAbort: MIN_REQUESTS_FOR_ABORT };
}
