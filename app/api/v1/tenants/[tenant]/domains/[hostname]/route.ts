import { tenantRoute } from "@/lib/http/handler";
import { deleteDomain } from "@/lib/services/domains/delete-domain";
import { getDomain } from "@/lib/services/domains/get-domain";

export const dynamic = "force-dynamic";

type P = { tenant: string; hostname: string };

export const GET = tenantRoute<P>(async ({ ctx, params }) => getDomain({ ctx, hostname: params.hostname }));

export const DELETE = tenantRoute<P>(async ({ ctx, params }) => deleteDomain({ ctx, hostname: params.hostname }));
