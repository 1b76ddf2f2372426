import { tenantRoute } from "@/lib/http/handler";
import { testFunction } from "@/lib/services/functions/test-function";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

// The test console: runs the draft or the live version once and returns what it answered.
export const POST = tenantRoute<P>(async ({ ctx, params, body }) => Response.json(await testFunction({ ctx, fn: params.function, input: await body() })));
