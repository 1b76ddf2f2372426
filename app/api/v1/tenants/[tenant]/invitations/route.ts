import { tenantRoute } from "@/lib/http/handler";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { listInvitations } from "@/lib/services/invitations/list-invitations";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listInvitations({ ctx }));
export const POST = tenantRoute(async ({ ctx, body }) => Response.json(await createInvitation({ ctx, input: await body() }), { status: 201 }));
