import { tenantRoute } from "@/lib/http/handler";
import { deleteFunction } from "@/lib/services/functions/delete-function";
import { getFunction } from "@/lib/services/functions/get-function";
import { updateFunction } from "@/lib/services/functions/update-function";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => getFunction({ ctx, fn: params.function }));

export const PATCH = tenantRoute<P>(async ({ ctx, params, body }) => updateFunction({ ctx, fn: params.function, input: await body() }));

export const DELETE = tenantRoute<P>(async ({ ctx, params }) => deleteFunction({ ctx, fn: params.function }));
