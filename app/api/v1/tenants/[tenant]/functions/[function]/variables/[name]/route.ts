import { tenantRoute } from "@/lib/http/handler";
import { deleteVariable } from "@/lib/services/variables/delete-variable";
import { getVariable } from "@/lib/services/variables/get-variable";
import { putVariable } from "@/lib/services/variables/put-variable";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string; name: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => getVariable({ ctx, fn: params.function, name: params.name }));

export const PUT = tenantRoute<P>(async ({ ctx, params, body }) => putVariable({ ctx, fn: params.function, name: params.name, input: await body() }));

export const DELETE = tenantRoute<P>(async ({ ctx, params }) => deleteVariable({ ctx, fn: params.function, name: params.name }));
