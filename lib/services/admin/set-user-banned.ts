import { eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { forgetCachedActors } from "@/lib/services/auth/authenticate";
import { audit, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";

/** Suspends (bans) or resumes a user. A suspended user's sessions end; its tokens stop working. */
export async function adminSetUserBanned({ ctx, input }: { ctx: Ctx; input: { userId: string; banned: boolean } }) {
  requirePlatformAdmin(ctx);
  if (input.userId === ctx.actor.userId && input.banned) throw new Conflict("You cannot suspend yourself.");
  const result = await withTransaction(async (tx) => {
    const [u] = await tx
      .update(schema.users)
      .set({ banned: input.banned, banReason: input.banned ? "suspended by an administrator" : null, updatedAt: new Date() })
      .where(eq(schema.users.id, input.userId))
      .returning();
    if (!u) throw new NotFound("User");
    if (input.banned) await tx.delete(schema.sessions).where(eq(schema.sessions.userId, u.id));
    await audit(tx, ctx, { action: input.banned ? "user.suspended" : "user.resumed", target: u.id, details: { email: u.email } });
    return { id: u.id, email: u.email, banned: input.banned };
  });
  forgetCachedActors();
  return result;
}
