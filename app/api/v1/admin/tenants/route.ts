import { authedRoute } from "@/lib/http/handler";
import { adminCreateTenant } from "@/lib/services/admin/create-tenant";
import { adminListTenants } from "@/lib/services/admin/list-tenants";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => adminListTenants({ ctx, input: { q: new URL(req.url).searchParams.get("q") } }));
export const POST = authedRoute(async ({ ctx, body }) => Response.json(await adminCreateTenant({ ctx, input: await body() }), { status: 201 }));
