import { requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { removeTenant } from "@/lib/services/tenants/delete-tenant";
import { findTenantBySlug } from "./find-tenant";

export async function adminDeleteTenant({ ctx, input }: { ctx: Ctx; input: { slug: string } }): Promise<void> {
  requirePlatformAdmin(ctx);
  await withTransaction(async (tx) => removeTenant(tx, ctx, await findTenantBySlug(tx, input.slug)));
}
