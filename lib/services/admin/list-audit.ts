import { and, desc, eq, gte, ilike, lt, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput, requirePlatformAdmin, type Ctx } from "@/lib/services/context";

const when = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO date or date-time");
const AuditInput = z.object({
  tenant: z.string().max(40).nullish(),
  action: z.string().max(60).nullish(),
  actor: z.string().max(200).nullish(),
  from: when.nullish(),
  to: when.nullish(),
  before: z.coerce.number({ error: "must be an entry id" }).int().positive().nullish(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(1000, "must be at most 1000").nullish(),
});

/** Audit entries, newest first, filtered by tenant slug, action prefix, actor email and time. */
export async function adminListAudit({ ctx, input }: { ctx: Ctx; input: Record<string, string | null | undefined> }) {
  requirePlatformAdmin(ctx);
  const data = parseInput(AuditInput, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== "")));
  const db = await getDb();
  const a = schema.auditLog;
  const filters: SQL[] = [];
  if (data.tenant) filters.push(eq(schema.tenants.slug, data.tenant));
  if (data.action) filters.push(ilike(a.action, `${data.action}%`));
  if (data.actor) filters.push(ilike(a.actorEmail, `%${data.actor}%`));
  if (data.from) filters.push(gte(a.at, new Date(data.from)));
  if (data.to) filters.push(lte(a.at, new Date(data.to)));
  if (data.before) filters.push(lt(a.id, data.before));
  const limit = data.limit ?? 100;
  const entries = await db
    .select({ id: a.id, at: a.at, actorEmail: a.actorEmail, tenantId: a.tenantId, tenantSlug: schema.tenants.slug, action: a.action, target: a.target, details: a.details })
    .from(a)
    .leftJoin(schema.tenants, eq(schema.tenants.id, a.tenantId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(a.id))
    .limit(limit);
  return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null };
}
