import { getDb } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { currentDraft } from "./draft-view";

/** The function's editor draft (or the live files when nothing was saved yet). */
export async function getDraft({ ctx, fn }: { ctx: TenantCtx; fn: string }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  return currentDraft(db, ctx.tenant.id, row);
}
