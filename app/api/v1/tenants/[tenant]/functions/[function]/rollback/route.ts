import { tenantRoute } from "@/lib/http/handler";
import { rollbackFunction } from "@/lib/services/functions/rollback-function";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const POST = tenantRoute<P>(async ({ ctx, params, body }) => rollbackFunction({ ctx, fn: params.function, input: await body() }));
