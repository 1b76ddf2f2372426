import { authedRoute } from "@/lib/http/handler";
import { adminListAudit } from "@/lib/services/admin/list-audit";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => adminListAudit({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }));
