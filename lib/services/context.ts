import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema, type Db, type Tx } from "@/lib/db";
import { Forbidden, NotFound, ValidationError } from "@/lib/errors";
import type { TenantRole } from "@/drizzle/schema";

/** Who is calling, established once per request by lib/http from a session or a bearer token. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  platformRole: "admin" | "user";
  via: "session" | "token";
};

export type Ctx = { actor: Actor; requestId: string };

/** A caller acting inside one tenant, with its role there. */
export type TenantCtx = Ctx & {
  tenant: { id: string; slug: string; name: string; status: "active" | "suspended" };
  role: TenantRole;
};

export type VerbArgs<I> = { ctx: Ctx; input: I };
export type TenantVerbArgs<I> = { ctx: TenantCtx; input: I };

const RANK: Record<TenantRole, number> = { viewer: 0, developer: 1, owner: 2 };

/** Throws Forbidden unless the caller's tenant role is at least `min`; changes need an active tenant. */
export function requireRole(ctx: TenantCtx, min: TenantRole): void {
  if (RANK[ctx.role] < RANK[min]) {
    throw new Forbidden(`This needs the ${min} role in tenant "${ctx.tenant.slug}"; you are ${ctx.role}.`);
  }
  if (min !== "viewer" && ctx.tenant.status === "suspended") {
    throw new Forbidden(`Tenant "${ctx.tenant.slug}" is suspended; changes are not allowed.`);
  }
}

export function requirePlatformAdmin(ctx: Ctx): void {
  if (ctx.actor.platformRole !== "admin") throw new Forbidden("This needs a platform administrator.");
}

/**
 * Resolves a tenant by slug for the caller. A tenant the caller is not a member of is reported as
 * not found, exactly like one that does not exist, so tenant names do not leak.
 */
export async function tenantContext(ctx: Ctx, slug: string): Promise<TenantCtx> {
  const db = await getDb();
  const rows = await db
    .select({ tenant: schema.tenants, role: schema.members.role })
    .from(schema.tenants)
    .innerJoin(schema.members, eq(schema.members.organizationId, schema.tenants.id))
    .where(and(eq(schema.tenants.slug, slug), eq(schema.members.userId, ctx.actor.userId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new NotFound(`Tenant "${slug}"`);
  const { id, name, status } = row.tenant;
  return { ...ctx, tenant: { id, slug, name, status }, role: row.role as TenantRole };
}

/** Parses a verb's input with zod and turns issues into a ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schemaOf: S, input: unknown): z.infer<S> {
  const r = schemaOf.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
  const first = issues[0]!;
  throw new ValidationError(`${first.path}: ${first.message}`, issues);
}

export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db: Db = await getDb();
  return db.transaction(fn);
}

type AuditEntry = { action: string; tenantId?: string | null; target?: string; details?: Record<string, unknown> };

/** Appends an audit row inside the caller's transaction. Never pass secrets in `details`. */
export async function audit(tx: Tx, ctx: Ctx | null, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    actorId: ctx?.actor.userId ?? null,
    actorEmail: ctx?.actor.email ?? "system",
    tenantId: entry.tenantId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? null,
    requestId: ctx?.requestId ?? null,
  });
}
