import { tenantRoute } from "@/lib/http/handler";
import { verifyDomain } from "@/lib/services/domains/verify-domain";

export const dynamic = "force-dynamic";

type P = { tenant: string; hostname: string };

export const POST = tenantRoute<P>(async ({ ctx, params }) => verifyDomain({ ctx, hostname: params.hostname }));
