import { getDb, schema } from "@/lib/db";
import { eq } from "drizzle-orm";
import type { TenantCtx } from "@/lib/services/context";

export async function getTenant({ ctx }: { ctx: TenantCtx }) {
  const db = await getDb();
  const [t] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, ctx.tenant.id));
  return { id: t!.id, slug: t!.slug, name: t!.name, status: t!.status, plan: t!.plan, createdAt: t!.createdAt, role: ctx.role };
}
