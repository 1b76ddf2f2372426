import { authedRoute } from "@/lib/http/handler";
import { revokeToken } from "@/lib/services/tokens/revoke-token";

export const dynamic = "force-dynamic";

export const DELETE = authedRoute<{ id: string }>(async ({ ctx, params }) => revokeToken({ ctx, input: { id: params.id } }));
