import { tenantRoute } from "@/lib/http/handler";
import { deleteTenant } from "@/lib/services/tenants/delete-tenant";
import { getTenant } from "@/lib/services/tenants/get-tenant";
import { updateTenant } from "@/lib/services/tenants/update-tenant";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => getTenant({ ctx }));
export const PATCH = tenantRoute(async ({ ctx, body }) => updateTenant({ ctx, input: await body() }));
export const DELETE = tenantRoute(async ({ ctx }) => deleteTenant({ ctx }));
