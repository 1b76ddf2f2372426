import { tenantRoute } from "@/lib/http/handler";
import { testRoute } from "@/lib/services/routes/test-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx, req }) => {
  const q = new URL(req.url).searchParams;
  return testRoute({ ctx, input: { url: q.get("url") ?? "", method: q.get("method") ?? undefined } });
});
