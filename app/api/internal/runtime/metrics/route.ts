import { ingestMetrics } from "@/lib/services/runtime/ingest-metrics";
import { runtimeRoute } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const POST = runtimeRoute(async ({ ctx, body }) => ingestMetrics({ ctx, input: await body() }));
