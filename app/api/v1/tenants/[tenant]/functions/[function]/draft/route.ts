import { tenantRoute } from "@/lib/http/handler";
import { getDraft } from "@/lib/services/drafts/get-draft";
import { saveDraft } from "@/lib/services/drafts/save-draft";

export const dynamic = "force-dynamic";

type P = { tenant: string; function: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => getDraft({ ctx, fn: params.function }));

export const PUT = tenantRoute<P>(async ({ ctx, params, body }) => saveDraft({ ctx, fn: params.function, input: await body() }));
