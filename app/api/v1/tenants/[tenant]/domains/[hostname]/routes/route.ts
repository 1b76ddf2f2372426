import { tenantRoute } from "@/lib/http/handler";
import { createRoute } from "@/lib/services/routes/create-route";
import { getDomain } from "@/lib/services/domains/get-domain";

export const dynamic = "force-dynamic";

type P = { tenant: string; hostname: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => ({ routes: (await getDomain({ ctx, hostname: params.hostname })).routes }));

export const POST = tenantRoute<P>(async ({ ctx, params, body }) => {
  const result = await createRoute({ ctx, hostname: params.hostname, input: await body() });
  return Response.json(result, { status: result.saved ? 201 : 200 });
});
