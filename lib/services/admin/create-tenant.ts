import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { parseInput, requirePlatformAdmin, withTransaction, type Ctx } from "@/lib/services/context";
import { CreateTenantInput, insertTenant } from "@/lib/services/tenants/create-tenant";
import { Email } from "@/lib/services/users/insert-user";

const AdminCreateTenantInput = CreateTenantInput.extend({ ownerEmail: Email, plan: z.string().min(1).max(40).optional() });

/** An admin creates a tenant for an existing user, who becomes its owner. */
export async function adminCreateTenant({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(AdminCreateTenantInput, input);
  return withTransaction(async (tx) => {
    const [owner] = await tx.select({ id: schema.users.id }).from(schema.users).where(sql`lower(${schema.users.email}) = ${data.ownerEmail}`);
    if (!owner) throw new ValidationError(`ownerEmail: no account with email ${data.ownerEmail}`, [{ path: "ownerEmail", message: "no account with this email" }]);
    if (data.plan) {
      const [plan] = await tx.select({ id: schema.plans.id }).from(schema.plans).where(eq(schema.plans.id, data.plan));
      if (!plan) throw new ValidationError(`plan: no plan with id "${data.plan}"`, [{ path: "plan", message: "no such plan" }]);
    }
    return insertTenant(tx, ctx, { name: data.name, slug: data.slug, ownerId: owner.id, plan: data.plan });
  });
}
