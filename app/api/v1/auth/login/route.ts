import { createRateLimiter } from "@/lib/http/rate-limit";
import { publicRoute } from "@/lib/http/handler";
import { login } from "@/lib/services/auth/login";

export const dynamic = "force-dynamic";

// Password guessing: at most 20 attempts per client address and 10 per account per minute. The
// address comes from X-Forwarded-For, which a client reaching the console directly can forge: the
// per-account limit is what holds then (a guesser rotating addresses gets 10 tries a minute).
const byAddress = createRateLimiter({ windowMs: 60_000, max: 20 });
const byAccount = createRateLimiter({ windowMs: 60_000, max: 10 });

export const POST = publicRoute(async ({ req, body, requestId }) => {
  byAddress.hit(req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local");
  const input = await body();
  const email = (input as { email?: unknown } | null)?.email;
  if (typeof email === "string" && email.trim()) byAccount.hit(email.trim().toLowerCase());
  return login({ input, requestId, userAgent: req.headers.get("user-agent") });
});
