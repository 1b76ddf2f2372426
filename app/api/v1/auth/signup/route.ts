import { clientRateKey } from "@/lib/http/client-address";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { publicRoute } from "@/lib/http/handler";
import { signup } from "@/lib/services/auth/signup";

export const dynamic = "force-dynamic";

// Mass sign-ups: at most 20 attempts per client address (an IPv6 client by its /64) per hour,
// counted whether they succeed or not. The browser's sign-up has better-auth's own limit.
const byAddress = createRateLimiter({ windowMs: 60 * 60_000, max: 20 });

export const POST = publicRoute(async ({ req, body, requestId }) => {
  byAddress.hit(clientRateKey(req.headers));
  return Response.json(await signup({ input: await body(), requestId }), { status: 201 });
});
