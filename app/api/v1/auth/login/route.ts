import { Unauthorized } from "@/lib/errors";
import { clientRateKey } from "@/lib/http/client-address";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { publicRoute } from "@/lib/http/handler";
import { checkSignIn, countFailedSignIn } from "@/lib/services/auth/guessing";
import { login } from "@/lib/services/auth/login";

export const dynamic = "force-dynamic";

// Password guessing: at most 20 attempts per client address per minute, and 10 failed ones per
// account (lib/services/auth/guessing.ts). The address is the one the console's server took from
// the socket (lib/http/client-address.ts); a client's X-Forwarded-For counts only through a
// proxy named in TRUSTED_PROXIES; an IPv6 client counts by its /64. Without that server (`next
// dev`, or `next start` run by hand) nothing replaces the header, so a client could set it:
// production runs scripts/console-server.ts.
const byAddress = createRateLimiter({ windowMs: 60_000, max: 20 });

export const POST = publicRoute(async ({ req, body, requestId }) => {
  byAddress.hit(clientRateKey(req.headers));
  const input = await body();
  const email = (input as { email?: unknown } | null)?.email;
  const account = typeof email === "string" && email.trim() ? email : null;
  if (account) checkSignIn(account);
  try {
    return await login({ input, requestId, userAgent: req.headers.get("user-agent") });
  } catch (e) {
    if (account && e instanceof Unauthorized) countFailedSignIn(account);
    throw e;
  }
});
