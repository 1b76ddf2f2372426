import { desc, eq, ilike, or, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { requirePlatformAdmin, type Ctx } from "@/lib/services/context";

export async function adminListUsers({ ctx, input }: { ctx: Ctx; input: { q?: string | null } }) {
  requirePlatformAdmin(ctx);
  const db = await getDb();
  const u = schema.users;
  const q = input.q?.trim();
  const rows = await db
    .select({ id: u.id, email: u.email, name: u.name, role: u.role, banned: u.banned, createdAt: u.createdAt, tenants: sql<number>`count(${schema.members.id})::int` })
    .from(u)
    .leftJoin(schema.members, eq(schema.members.userId, u.id))
    .where(q ? or(ilike(u.email, `%${q}%`), ilike(u.name, `%${q}%`)) : undefined)
    .groupBy(u.id)
    .orderBy(desc(u.createdAt))
    .limit(500);
  return { users: rows.map(({ role, banned, ...r }) => ({ ...r, platformRole: role === "admin" ? "admin" : "user", banned: Boolean(banned) })) };
}
