import { authedRoute } from "@/lib/http/handler";
import { adminCreateTenant } from "@/lib/services/admin/create-tenant";
import { adminListTenants } from "@/lib/services/admin/list-tenants";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => adminListTenants({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }));
export const POST = authedRoute(async ({ ctx, body }) => Response.json(await adminCreateTenant({ ctx, input: await body() }), { status: 201 }));
