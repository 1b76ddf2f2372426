import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";

export async function findTenantBySlug(tx: Tx, slug: string) {
  const [t] = await tx.select().from(schema.tenants).where(eq(schema.tenants.slug, slug));
  if (!t) throw new NotFound(`Tenant "${slug}"`);
  return t;
}
