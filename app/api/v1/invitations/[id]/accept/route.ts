import { authedRoute } from "@/lib/http/handler";
import { acceptInvitation } from "@/lib/services/invitations/accept-invitation";

export const dynamic = "force-dynamic";

export const POST = authedRoute<{ id: string }>(async ({ ctx, params }) => acceptInvitation({ ctx, input: { id: params.id } }));
