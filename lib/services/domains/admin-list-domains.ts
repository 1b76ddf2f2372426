import { asc, eq, isNull } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { parseInput, requirePlatformAdmin, type Ctx } from "@/lib/services/context";
import { z } from "zod";
import { domainView } from "./find-domain";

const Query = z.object({ status: z.enum(["all", "unverified"], { error: 'must be "all" or "unverified"' }).default("all") });

/** Every tenant's domains (platform admins), to vouch for the ones DNS cannot prove. */
export async function adminListDomains({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePlatformAdmin(ctx);
  const { status } = parseInput(Query, input);
  const db = await getDb();
  const rows = await db
    .select({ domain: schema.domains, tenant: schema.tenants.slug })
    .from(schema.domains)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.domains.tenantId))
    .where(status === "unverified" ? isNull(schema.domains.verifiedAt) : undefined)
    .orderBy(asc(schema.domains.hostname));
  return { domains: rows.map((r) => ({ ...domainView(r.domain), tenant: r.tenant })) };
}
