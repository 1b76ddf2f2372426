import { authedRoute } from "@/lib/http/handler";
import { adminListAudit } from "@/lib/services/admin/list-audit";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => {
  const q = new URL(req.url).searchParams;
  return adminListAudit({ ctx, input: { tenant: q.get("tenant"), action: q.get("action"), limit: q.get("limit") } });
});
