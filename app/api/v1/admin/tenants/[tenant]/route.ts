import { authedRoute } from "@/lib/http/handler";
import { adminDeleteTenant } from "@/lib/services/admin/delete-tenant";

export const dynamic = "force-dynamic";

export const DELETE = authedRoute<{ tenant: string }>(async ({ ctx, params }) => adminDeleteTenant({ ctx, input: { slug: params.tenant } }));
