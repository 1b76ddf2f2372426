import { tenantRoute } from "@/lib/http/handler";
import { listVariables } from "@/lib/services/variables/list-variables";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => listVariables({ ctx, fn: params.function }));
