import { eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { audit, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { appendChange, tenantState } from "@/lib/services/runtime/append-change";
import { findTenantBySlug } from "./find-tenant";

/** Suspends or resumes a tenant; the runtime learns it through the change feed. */
export async function adminSetTenantStatus({ ctx, input }: { ctx: Ctx; input: { slug: string; status: "active" | "suspended" } }) {
  requirePlatformAdmin(ctx);
  return withTransaction(async (tx) => {
    const t = await findTenantBySlug(tx, input.slug);
    const [updated] = await tx.update(schema.tenants).set({ status: input.status }).where(eq(schema.tenants.id, t.id)).returning();
    const [planRow] = await tx.select().from(schema.plans).where(eq(schema.plans.id, updated!.plan));
    await appendChange(tx, { kind: "tenant.upserted", tenant: tenantState(updated!, planRow) }, t.id);
    await audit(tx, ctx, { action: input.status === "suspended" ? "tenant.suspended" : "tenant.resumed", tenantId: t.id, target: t.slug });
    const { id, slug, name, status, plan, createdAt } = updated!;
    return { id, slug, name, status, plan, createdAt };
  });
}
