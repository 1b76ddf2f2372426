import { tenantRoute } from "@/lib/http/handler";
import { exportUsageCsv } from "@/lib/services/usage/get-usage";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx, req }) => {
  const { filename, csv } = await exportUsageCsv({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) });
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
