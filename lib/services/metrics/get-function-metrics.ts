import { getDb } from "@/lib/db";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { querySeriesAndTotals } from "./query-rollups";
import { MetricsInput, windowFor } from "./range";

/** Invocation counts, latency and CPU percentiles of one function over a range, optionally one version. */
export async function getFunctionMetrics({ ctx, fn, input, now = new Date() }: { ctx: TenantCtx; fn: string; input: unknown; now?: Date }) {
  requireRole(ctx, "viewer");
  const { range, version } = parseInput(MetricsInput, input);
  const row = await findFunction(await getDb(), ctx.tenant.id, fn);
  const w = windowFor(range, now);
  const scope = { tenantId: ctx.tenant.id, functionId: row.id, version };
  const { totals, series } = await querySeriesAndTotals(scope, w);
  return { range, stepSeconds: w.stepSec, totals, series };
}
