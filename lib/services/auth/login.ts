import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getAuth } from "@/lib/auth";
import { getDb, schema } from "@/lib/db";
import { Unauthorized } from "@/lib/errors";
import { parseInput, withTransaction, type Ctx } from "@/lib/services/context";
import { insertToken } from "@/lib/services/tokens/create-token";

const LoginInput = z.object({ email: z.string().trim().toLowerCase().min(1, "is required"), password: z.string().min(1, "is required") });

/**
 * Exchanges email + password for a named bearer token (for scripts and the CLI). The password is
 * checked with better-auth's own hasher; a wrong email and a wrong password look the same.
 */
export async function login({ input, requestId, userAgent }: { input: unknown; requestId: string; userAgent: string | null }) {
  const data = parseInput(LoginInput, input);
  const db = await getDb();
  const auth = await getAuth();
  const hasher = (await auth.$context).password;
  const [row] = await db
    .select({ user: schema.users, hash: schema.accounts.password })
    .from(schema.users)
    .innerJoin(schema.accounts, and(eq(schema.accounts.userId, schema.users.id), eq(schema.accounts.providerId, "credential")))
    .where(sql`lower(${schema.users.email}) = ${data.email}`);
  const ok = row?.hash ? await hasher.verify({ hash: row.hash, password: data.password }) : (await hasher.hash(data.password), false);
  if (!row || !ok) throw new Unauthorized("Wrong email or password.");
  if (row.user.banned) throw new Unauthorized("This account is suspended.");
  const u = row.user;
  const ctx: Ctx = { requestId, actor: { userId: u.id, email: u.email, name: u.name, platformRole: u.role === "admin" ? "admin" : "user", via: "token" } };
  const name = `login ${new Date().toISOString().slice(0, 16).replace("T", " ")}${userAgent ? ` (${userAgent.slice(0, 40)})` : ""}`;
  const token = await withTransaction((tx) => insertToken(tx, ctx, u.id, { name, expiresInDays: 90 }));
  return { token: token.token, expiresAt: token.expiresAt, user: { id: u.id, email: u.email, name: u.name, platformRole: ctx.actor.platformRole } };
}
