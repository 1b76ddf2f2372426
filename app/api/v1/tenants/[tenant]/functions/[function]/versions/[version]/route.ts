import { tenantRoute } from "@/lib/http/handler";
import { getVersion } from "@/lib/services/functions/get-version";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string; version: string };

export const GET = tenantRoute<P>(async ({ ctx, params, req }) =>
  getVersion({ ctx, fn: params.function, input: { version: params.version, include: new URL(req.url).searchParams.get("include") ?? undefined } }),
);
