import { eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { audit, parseInput, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { LimitOverridesInput } from "@/lib/services/plans/limits";
import { publishTenant } from "@/lib/services/usage/quota";
import { findTenantBySlug } from "./find-tenant";
import { adminTenantDetail } from "./get-tenant";

const UpdateInput = z
  .object({
    plan: z.string().min(1, "is required").max(40).optional(),
    /** Replaces the tenant's overrides as a whole; {} clears them. */
    limits: LimitOverridesInput.optional(),
  })
  .strict();

/**
 * Moves a tenant to another plan and/or sets its limit overrides. The runtime gets the new
 * effective limits through the change feed in the same transaction (next request uses them).
 */
export async function adminUpdateTenant({ ctx, input }: { ctx: Ctx; input: { slug: string; body: unknown } }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(UpdateInput, input.body);
  if (data.plan === undefined && data.limits === undefined) throw new ValidationError("(body): send plan and/or limits", [{ path: "(body)", message: "send plan and/or limits" }]);
  await withTransaction(async (tx) => {
    const t = await findTenantBySlug(tx, input.slug);
    if (data.plan !== undefined) {
      const [plan] = await tx.select({ id: schema.plans.id }).from(schema.plans).where(eq(schema.plans.id, data.plan));
      if (!plan) throw new ValidationError(`plan: no plan with id "${data.plan}"`, [{ path: "plan", message: "no such plan" }]);
    }
    await tx
      .update(schema.tenants)
      .set({ ...(data.plan !== undefined ? { plan: data.plan } : {}), ...(data.limits !== undefined ? { limitOverrides: data.limits } : {}) })
      .where(eq(schema.tenants.id, t.id));
    await publishTenant(tx, t.id);
    await audit(tx, ctx, { action: "tenant.plan_changed", tenantId: t.id, target: t.slug, details: { from: { plan: t.plan, limits: t.limitOverrides }, to: data } });
  });
  return adminTenantDetail({ ctx, input: { slug: input.slug } });
}
