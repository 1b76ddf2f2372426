import { tenantRoute } from "@/lib/http/handler";
import { listVersions } from "@/lib/services/functions/list-versions";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => listVersions({ ctx, fn: params.function }));
