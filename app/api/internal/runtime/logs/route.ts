import { ingestLogs } from "@/lib/services/runtime/ingest-logs";
import { runtimeRoute } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const POST = runtimeRoute(async ({ ctx, body }) => ingestLogs({ ctx, input: await body() }));
