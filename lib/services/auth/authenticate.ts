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

/**
 * Bearer tokens seen recently, by hash: an API client sending many requests costs one query per
 * token every CACHE_MS instead of one per request. Revoking a token, suspending or deleting a user
 * calls forgetCachedActors() once its transaction has committed, so in this process the change
 * applies to the next request; another console replica (PostgreSQL) sees it within CACHE_MS.
 */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
type Cached = { actor: Actor; tokenId: string; lastUsedAt: Date | null; expiresAt: Date | null; at: number };
// On globalThis: `next dev` reloads modules, and a stale copy would miss invalidations.
const g = globalThis as unknown as { __edgefnActors?: { byHash: Map<string, Cached>; generation: number } };
const cache = (g.__edgefnActors ??= { byHash: new Map(), generation: 0 });

/** Drops every cached token → actor entry (call after a revocation, suspension or deletion commits). */
export function forgetCachedActors(): void {
  cache.byHash.clear();
  cache.generation++;
}

async function actorFromToken(token: string): Promise<Actor> {
  const hash = hashToken(token);
  const now = new Date();
  const hit = cache.byHash.get(hash);
  if (hit && now.getTime() - hit.at < CACHE_MS && (!hit.expiresAt || hit.expiresAt > now)) {
    await touch(hit, now);
    return hit.actor;
  }
  // An invalidation while the query runs must not be undone by storing what it read.
  const generation = cache.generation;
  const db = await getDb();
  const rows = await db
    .select({ tokenId: schema.apiTokens.id, lastUsedAt: schema.apiTokens.lastUsedAt, expiresAt: schema.apiTokens.expiresAt, user: schema.users })
    .from(schema.apiTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.apiTokens.userId))
    .where(and(eq(schema.apiTokens.tokenHash, hash), isNull(schema.apiTokens.revokedAt), or(isNull(schema.apiTokens.expiresAt), gt(schema.apiTokens.expiresAt, now))))
    .limit(1);
  const row = rows[0];
  if (!row) throw new Unauthorized("The bearer token is invalid, expired or revoked.");
  if (row.user.banned) throw new Unauthorized("This account is suspended.");
  const u = row.user;
  const entry: Cached = { actor: { userId: u.id, email: u.email, name: u.name, platformRole: u.role === "admin" ? "admin" : "user", via: "token" }, tokenId: row.tokenId, lastUsedAt: row.lastUsedAt, expiresAt: row.expiresAt, at: now.getTime() };
  if (generation === cache.generation) {
    if (cache.byHash.size >= CACHE_MAX) cache.byHash.clear();
    cache.byHash.set(hash, entry);
  }
  await touch(entry, now);
  return entry.actor;
}

/**
 * Best effort and at most once a minute per token: a lost or coarse last-used stamp is harmless,
 * a database write on every API request is not.
 */
async function touch(entry: Cached, now: Date): Promise<void> {
  if (entry.lastUsedAt && now.getTime() - entry.lastUsedAt.getTime() <= 60_000) return;
  entry.lastUsedAt = now;
  const db = await getDb();
  void db.update(schema.apiTokens).set({ lastUsedAt: now }).where(eq(schema.apiTokens.id, entry.tokenId)).catch(() => {});
}
