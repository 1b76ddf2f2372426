import { authedRoute } from "@/lib/http/handler";
import { adminSetTenantStatus } from "@/lib/services/admin/set-tenant-status";

export const dynamic = "force-dynamic";

export const POST = authedRoute<{ tenant: string }>(async ({ ctx, params }) => adminSetTenantStatus({ ctx, input: { slug: params.tenant, status: "active" } }));
