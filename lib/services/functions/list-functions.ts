import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { functionView } from "./find-function";

/** Every function of the caller's tenant, by name. */
export async function listFunctions({ ctx }: { ctx: TenantCtx }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const rows = await db.select().from(schema.functions).where(eq(schema.functions.tenantId, ctx.tenant.id)).orderBy(asc(schema.functions.name));
  return { functions: rows.map(functionView) };
}
