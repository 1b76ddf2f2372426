import { NotFound } from "@/lib/errors";
import { requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { signal } from "@/lib/services/runtime/signals";
import { waitForNodes } from "@/lib/services/runtime/wait-for-nodes";
import { endRollout } from "./end-rollout";
import { findRollout } from "./find-rollout";

/** Promote (the new version becomes live for everyone) or abort (everyone back on the live version). */
export async function finishRollout({ ctx, fn, how }: { ctx: TenantCtx; fn: string; how: "promoted" | "aborted" }) {
  requireRole(ctx, "developer");
  const { revision, version } = await withTransaction(async (tx) => {
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const r = await findRollout(tx, ctx.tenant.id, row.id);
    if (!r) throw new NotFound(`Rollout of function "${row.name}"`);
    return { revision: await endRollout(tx, ctx, r, row.name, how), version: how === "promoted" ? r.version : row.liveVersion };
  });
  signal("change");
  return { [how]: true, liveVersion: version, revision, ...(await waitForNodes(revision)) };
}
