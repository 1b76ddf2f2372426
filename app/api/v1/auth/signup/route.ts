import { publicRoute } from "@/lib/http/handler";
import { signup } from "@/lib/services/auth/signup";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ body, requestId }) => Response.json(await signup({ input: await body(), requestId }), { status: 201 }));
