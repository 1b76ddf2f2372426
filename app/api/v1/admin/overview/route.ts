import { authedRoute } from "@/lib/http/handler";
import { getAdminOverview } from "@/lib/services/metrics/get-admin-overview";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => getAdminOverview({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }));
