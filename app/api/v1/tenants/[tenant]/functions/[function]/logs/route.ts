import { tenantRoute } from "@/lib/http/handler";
import { listLogs } from "@/lib/services/logs/list-logs";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params, req }) => listLogs({ ctx, fn: params.function, input: Object.fromEntries(new URL(req.url).searchParams) }));
