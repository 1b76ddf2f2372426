import { ingestMetrics } from "@/lib/services/runtime/ingest-metrics";
import { runtimeRoute } from "../runtime-route";

export const dynamic = "force-dynamic";

export const POST = runtimeRoute(async ({ ctx, body }) => ingestMetrics({ ctx, input: await body() }));
