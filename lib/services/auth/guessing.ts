import { createRateLimiter } from "@/lib/http/rate-limit";

/**
 * Failed password sign-ins per account (REST login and the browser's sign-in together): past 10 in
 * a minute, the account's sign-ins answer 429 until the minute is over, from any address. Limits
 * per client address key on X-Forwarded-For, which a client reaching the console directly can
 * forge; this one holds regardless. Successful sign-ins do not count.
 */
const failedSignIns = createRateLimiter({ windowMs: 60_000, max: 10 });

const key = (email: string): string => email.trim().toLowerCase();

/** Throws LimitExceeded (429) while the account is locked out. */
export function checkSignIn(email: string): void {
  failedSignIns.check(key(email));
}

/** Counts a failed sign-in for the account. */
export function countFailedSignIn(email: string): void {
  try {
    failedSignIns.hit(key(email));
  } catch {
    // Past the limit already: the next attempt is refused by checkSignIn.
  }
}
