import { authedRoute } from "@/lib/http/handler";
import { adminListDomains } from "@/lib/services/domains/admin-list-domains";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => adminListDomains({ ctx, input: { status: new URL(req.url).searchParams.get("status") ?? undefined } }));
