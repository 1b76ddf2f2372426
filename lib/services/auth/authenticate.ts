import { and, eq, gt, isNull, or } from "drizzle-orm";
import { getAuth } from "@/lib/auth";
import { getDb, schema } from "@/lib/db";
import { Unauthorized } from "@/lib/errors";
import type { Actor } from "@/lib/services/context";
import { hashToken, looksLikeToken } from "./tokens";

/**
 * Establishes the caller from `Authorization: Bearer <api token>` or the browser session cookie.
 * Returns null when neither is present; throws Unauthorized when a token is present but invalid.
 */
export async function authenticate(headers: Headers): Promise<Actor | null> {
  const authz = headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    if (!m || !looksLikeToken(m[1]!)) throw new Unauthorized("The bearer token is malformed.");
    return actorFromToken(m[1]!);
  }
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const u = session.user as { id: string; email: string; name: string; role?: string | null; banned?: boolean | null };
  if (u.banned) throw new Unauthorized("This account is suspended.");
  return { userId: u.id, email: u.email, name: u.name, platformRole: u.role === "admin" ? "admin" : "user", via: "session" };
}

async function actorFromToken(token: string): Promise<Actor> {
  const db = await getDb();
  const now = new Date();
  const rows = await db
    .select({ tokenId: schema.apiTokens.id, lastUsedAt: schema.apiTokens.lastUsedAt, user: schema.users })
    .from(schema.apiTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.apiTokens.userId))
    .where(
      and(
        eq(schema.apiTokens.tokenHash, hashToken(token)),
        isNull(schema.apiTokens.revokedAt),
        or(isNull(schema.apiTokens.expiresAt), gt(schema.apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) throw new Unauthorized("The bearer token is invalid, expired or revoked.");
  if (row.user.banned) throw new Unauthorized("This account is suspended.");
  // Best effort and at most once a minute per token: a lost or coarse last-used stamp is
  // harmless, a database write on every API request is not.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    void db.update(schema.apiTokens).set({ lastUsedAt: now }).where(eq(schema.apiTokens.id, row.tokenId)).catch(() => {});
  }
  const u = row.user;
  return { userId: u.id, email: u.email, name: u.name, platformRole: u.role === "admin" ? "admin" : "user", via: "token" };
}
