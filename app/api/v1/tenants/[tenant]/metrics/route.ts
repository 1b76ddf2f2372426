import { tenantRoute } from "@/lib/http/handler";
import { getTenantMetrics } from "@/lib/services/metrics/get-tenant-metrics";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx, req }) => getTenantMetrics({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }));
