import { tenantRoute } from "@/lib/http/handler";
import { getFunctionMetrics } from "@/lib/services/metrics/get-function-metrics";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params, req }) =>
  getFunctionMetrics({ ctx, fn: params.function, input: Object.fromEntries(new URL(req.url).searchParams) }),
);
