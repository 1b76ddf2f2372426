import { authedRoute } from "@/lib/http/handler";
import { adminSetUserBanned } from "@/lib/services/admin/set-user-banned";

export const dynamic = "force-dynamic";

export const POST = authedRoute<{ id: string }>(async ({ ctx, params }) => adminSetUserBanned({ ctx, input: { userId: params.id, banned: true } }));
