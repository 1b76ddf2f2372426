import { eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";

const UpdateTenantInput = z.object({ name: z.string().trim().min(1, "is required").max(80) }).strict();

export async function updateTenant({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "owner");
  const data = parseInput(UpdateTenantInput, input);
  return withTransaction(async (tx) => {
    const [t] = await tx.update(schema.tenants).set({ name: data.name }).where(eq(schema.tenants.id, ctx.tenant.id)).returning();
    await audit(tx, ctx, { action: "tenant.updated", tenantId: ctx.tenant.id, target: ctx.tenant.slug, details: { name: data.name } });
    return { id: t!.id, slug: t!.slug, name: t!.name, status: t!.status, plan: t!.plan, createdAt: t!.createdAt, role: ctx.role };
  });
}
