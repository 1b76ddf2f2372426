import { and, eq, isNull } from "drizzle-orm";
import { schema } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { forgetCachedActors } from "@/lib/services/auth/authenticate";
import { audit, withTransaction, type Ctx } from "@/lib/services/context";

export async function revokeToken({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  await withTransaction(async (tx) => {
    const t = schema.apiTokens;
    const [row] = await tx
      .update(t)
      .set({ revokedAt: new Date() })
      .where(and(eq(t.id, input.id), eq(t.userId, ctx.actor.userId), isNull(t.revokedAt)))
      .returning({ id: t.id, name: t.name });
    if (!row) throw new NotFound("Token");
    await audit(tx, ctx, { action: "token.revoked", target: row.id, details: { name: row.name } });
  });
  forgetCachedActors();
}
