import { getDb } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction, functionView } from "./find-function";

/** One function of the caller's tenant. */
export async function getFunction({ ctx, fn }: { ctx: TenantCtx; fn: string }) {
  requireRole(ctx, "viewer");
  return functionView(await findFunction(await getDb(), ctx.tenant.id, fn));
}
