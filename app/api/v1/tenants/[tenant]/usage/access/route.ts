import { tenantRoute } from "@/lib/http/handler";
import { listBillingAccess, setBillingAccess } from "@/lib/services/usage/access";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listBillingAccess({ ctx }));
export const PUT = tenantRoute(async ({ ctx, body }) => setBillingAccess({ ctx, input: await body() }));
