import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import type { Ctx } from "@/lib/services/context";

/** The caller's own live tokens; never the token itself (only its hash is stored). */
export async function listTokens({ ctx }: { ctx: Ctx }) {
  const db = await getDb();
  const t = schema.apiTokens;
  const tokens = await db
    .select({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt })
    .from(t)
    .where(and(eq(t.userId, ctx.actor.userId), isNull(t.revokedAt)))
    .orderBy(desc(t.createdAt));
  return { tokens };
}
