import { authedRoute } from "@/lib/http/handler";
import { adminDeleteUser } from "@/lib/services/admin/delete-user";

export const dynamic = "force-dynamic";

export const DELETE = authedRoute<{ id: string }>(async ({ ctx, params }) => adminDeleteUser({ ctx, input: { userId: params.id } }));
