import { createRateLimiter } from "@/lib/http/rate-limit";
import { publicRoute } from "@/lib/http/handler";
import { login } from "@/lib/services/auth/login";

export const dynamic = "force-dynamic";

// Password guessing: at most 20 attempts per client address per minute.
const limiter = createRateLimiter({ windowMs: 60_000, max: 20 });

export const POST = publicRoute(async ({ req, body, requestId }) => {
  limiter.hit(req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local");
  return login({ input: await body(), requestId, userAgent: req.headers.get("user-agent") });
});
