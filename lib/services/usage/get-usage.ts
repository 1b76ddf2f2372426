import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput, type TenantCtx } from "@/lib/services/context";
import { requireBilling } from "./billing-access";
import { parsePeriod, PeriodParam } from "./period";
import { quotaWarnings } from "./quota";
import { tenantUsage } from "./tenant-usage";

const UsageInput = z.object({ period: PeriodParam });

/** A tenant's usage in a period (`current` or YYYY-MM) against its plan, with cost and warnings. */
export async function getUsage({ ctx, input, now = new Date() }: { ctx: TenantCtx; input: unknown; now?: Date }) {
  await requireBilling(ctx);
  const { period } = parseInput(UsageInput, input);
  const db = await getDb();
  const [t] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, ctx.tenant.id));
  const summary = await tenantUsage(db, t!, parsePeriod(period, now), now);
  return { ...summary, quota: summary.open ? (t!.quotaBlock ?? null) : null, warnings: summary.open ? quotaWarnings(summary) : [] };
}

/** The same period as CSV, one row per day, for spreadsheets. */
export async function exportUsageCsv(args: { ctx: TenantCtx; input: unknown; now?: Date }): Promise<{ filename: string; csv: string }> {
  const u = await getUsage(args);
  const rows = [["date", "requests", "cpu_ms"], ...u.daily.map((d) => [d.day, String(d.requests), d.cpuMs.toFixed(3)]), ["total", String(u.requests), u.cpuMs.toFixed(3)]];
  return { filename: `${args.ctx.tenant.slug}-usage-${u.period}.csv`, csv: rows.map((r) => r.join(",")).join("\n") + "\n" };
}
