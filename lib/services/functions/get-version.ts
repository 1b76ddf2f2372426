import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "./find-function";

export const GetVersionInput = z.object({
  version: z.coerce.number().int().positive(),
  include: z.enum(["compiled"]).optional(),
});

/** One version with its source files; compiled code and source map only when asked for. */
export async function getVersion({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "viewer");
  const q = parseInput(GetVersionInput, input);
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const v = schema.functionVersions;
  const [ver] = await db
    .select()
    .from(v)
    .where(and(eq(v.tenantId, ctx.tenant.id), eq(v.functionId, row.id), eq(v.number, q.version)));
  if (!ver) throw new NotFound(`Version ${q.version} of function "${row.name}"`);
  const { number, entry, files, message, authorId, createdAt, compiledCode, sourceMap } = ver;
  const base = { number, entry, files, message, authorId, createdAt, live: number === row.liveVersion };
  return q.include === "compiled" ? { ...base, compiledCode, sourceMap } : base;
}
