import { authedRoute } from "@/lib/http/handler";
import { adminCreateUser } from "@/lib/services/admin/create-user";
import { adminListUsers } from "@/lib/services/admin/list-users";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx, req }) => adminListUsers({ ctx, input: { q: new URL(req.url).searchParams.get("q") } }));
export const POST = authedRoute(async ({ ctx, body }) => Response.json(await adminCreateUser({ ctx, input: await body() }), { status: 201 }));
