import { tenantRoute } from "@/lib/http/handler";
import { cancelInvitation } from "@/lib/services/invitations/cancel-invitation";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute<{ tenant: string; id: string }>(async ({ ctx, params }) => cancelInvitation({ ctx, input: { id: params.id } }));
