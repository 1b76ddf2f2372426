import { tenantRoute } from "@/lib/http/handler";
import { deployFunction } from "@/lib/services/functions/deploy-function";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const POST = tenantRoute<P>(async ({ ctx, params, body }) =>
  Response.json(await deployFunction({ ctx, fn: params.function, input: await body() }), { status: 201 }),
);
