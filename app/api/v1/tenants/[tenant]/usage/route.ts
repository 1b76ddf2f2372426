import { tenantRoute } from "@/lib/http/handler";
import { getUsage } from "@/lib/services/usage/get-usage";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx, req }) => getUsage({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }));
