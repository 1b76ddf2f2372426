import { authedRoute } from "@/lib/http/handler";
import { createToken } from "@/lib/services/tokens/create-token";
import { listTokens } from "@/lib/services/tokens/list-tokens";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async ({ ctx }) => listTokens({ ctx }));
export const POST = authedRoute(async ({ ctx, body }) => Response.json(await createToken({ ctx, input: await body() }), { status: 201 }));
