import { authedRoute } from "@/lib/http/handler";
import { getInvitation } from "@/lib/services/invitations/get-invitation";

export const dynamic = "force-dynamic";

export const GET = authedRoute<{ id: string }>(async ({ ctx, params }) => getInvitation({ ctx, input: { id: params.id } }));
