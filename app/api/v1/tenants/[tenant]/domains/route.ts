import { tenantRoute } from "@/lib/http/handler";
import { createDomain } from "@/lib/services/domains/create-domain";
import { listDomains } from "@/lib/services/domains/list-domains";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listDomains({ ctx }));

export const POST = tenantRoute(async ({ ctx, body }) => Response.json(await createDomain({ ctx, input: await body() }), { status: 201 }));
