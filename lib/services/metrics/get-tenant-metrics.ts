import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { querySeriesAndTotals, queryTopFunctions } from "./query-rollups";
import { MetricsInput, windowFor } from "./range";

const TenantMetricsInput = MetricsInput.omit({ version: true });

/** The whole tenant's invocations over a range, with its busiest functions. */
export async function getTenantMetrics({ ctx, input, now = new Date() }: { ctx: TenantCtx; input: unknown; now?: Date }) {
  requireRole(ctx, "viewer");
  const { range } = parseInput(TenantMetricsInput, input);
  const w = windowFor(range, now);
  const scope = { tenantId: ctx.tenant.id };
  const [{ totals, series }, functions] = await Promise.all([querySeriesAndTotals(scope, w), queryTopFunctions(scope, w)]);
  return { range, stepSeconds: w.stepSec, totals, series, functions };
}
