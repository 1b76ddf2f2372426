import { authedRoute } from "@/lib/http/handler";
import { adminVerifyDomain } from "@/lib/services/domains/verify-domain";

export const dynamic = "force-dynamic";

export const POST = authedRoute<{ hostname: string }>(async ({ ctx, params }) => adminVerifyDomain({ ctx, hostname: params.hostname }));
