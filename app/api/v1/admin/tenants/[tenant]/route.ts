import { authedRoute } from "@/lib/http/handler";
import { adminDeleteTenant } from "@/lib/services/admin/delete-tenant";
import { adminTenantDetail } from "@/lib/services/admin/get-tenant";
import { adminUpdateTenant } from "@/lib/services/admin/update-tenant";

export const dynamic = "force-dynamic";

export const GET = authedRoute<{ tenant: string }>(async ({ ctx, params }) => adminTenantDetail({ ctx, input: { slug: params.tenant } }));
export const PATCH = authedRoute<{ tenant: string }>(async ({ ctx, params, body }) => adminUpdateTenant({ ctx, input: { slug: params.tenant, body: await body() } }));
export const DELETE = authedRoute<{ tenant: string }>(async ({ ctx, params }) => adminDeleteTenant({ ctx, input: { slug: params.tenant } }));
