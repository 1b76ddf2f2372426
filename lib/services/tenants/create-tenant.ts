import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { schema, type Tx } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { audit, parseInput, withTransaction, type Ctx } from "@/lib/services/context";
import { appendChange, tenantState } from "@/lib/services/runtime/append-change";

// Top-level console routes: a tenant with one of these slugs would be unreachable.
const RESERVED_SLUGS = new Set(["new", "admin", "login", "signup", "invite", "api", "settings", "_next", "static", "public", "favicon.ico", "icon.svg"]);

export const Slug = z
  .string()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and inner hyphens")
  .refine((s) => !RESERVED_SLUGS.has(s), "is reserved by the console; choose another");

export const CreateTenantInput = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  slug: Slug,
});

export type TenantRow = typeof schema.tenants.$inferSelect;

/** Inserts a tenant with `ownerId` as its owner, inside an existing transaction. */
export async function insertTenant(tx: Tx, ctx: Ctx | null, input: { name: string; slug: string; ownerId: string; plan?: string }): Promise<TenantRow> {
  const [taken] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, input.slug));
  if (taken) throw new Conflict(`A tenant with slug "${input.slug}" already exists.`);
  const [tenant] = await tx
    .insert(schema.tenants)
    .values({ id: crypto.randomUUID(), name: input.name, slug: input.slug, plan: input.plan ?? "free" })
    .returning();
  await tx.insert(schema.members).values({ id: crypto.randomUUID(), organizationId: tenant!.id, userId: input.ownerId, role: "owner" });
  const [plan] = await tx.select().from(schema.plans).where(eq(schema.plans.id, tenant!.plan));
  await appendChange(tx, { kind: "tenant.upserted", tenant: tenantState(tenant!, plan) }, tenant!.id);
  await audit(tx, ctx, { action: "tenant.created", tenantId: tenant!.id, target: input.slug, details: { name: input.name, ownerId: input.ownerId } });
  return tenant!;
}

/** Any signed-in user may create a tenant; they become its owner. */
export async function createTenant({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TenantRow> {
  const data = parseInput(CreateTenantInput, input);
  return withTransaction((tx) => insertTenant(tx, ctx, { ...data, ownerId: ctx.actor.userId }));
}
