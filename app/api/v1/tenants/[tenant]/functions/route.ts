import { tenantRoute } from "@/lib/http/handler";
import { createFunction } from "@/lib/services/functions/create-function";
import { listFunctions } from "@/lib/services/functions/list-functions";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listFunctions({ ctx }));

export const POST = tenantRoute(async ({ ctx, body }) => Response.json(await createFunction({ ctx, input: await body() }), { status: 201 }));
