import { and, desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "./find-function";

/** A function's versions, newest first, without code (file names only). */
export async function listVersions({ ctx, fn }: { ctx: TenantCtx; fn: string }) {
  requireRole(ctx, "viewer");
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const v = schema.functionVersions;
  const rows = await db
    .select({ number: v.number, entry: v.entry, files: v.files, message: v.message, authorId: v.authorId, createdAt: v.createdAt })
    .from(v)
    .where(and(eq(v.tenantId, ctx.tenant.id), eq(v.functionId, row.id)))
    .orderBy(desc(v.number));
  return {
    versions: rows.map(({ files, ...r }) => ({ ...r, fileNames: Object.keys(files).sort(), live: r.number === row.liveVersion })),
  };
}
