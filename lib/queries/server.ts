import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Unauthorized } from "@/lib/errors";
import { authenticate } from "@/lib/services/auth/authenticate";
import { getMe } from "@/lib/services/me/get-me";
import type { Me } from "./me/get-me";

// Server-only: imports the database through the services. Never import it from a client component.

/**
 * The signed-in user and their tenants, for server components. Server code calls the service
 * directly instead of fetching its own API over HTTP. Returns null when nobody is signed in, or
 * when the session belongs to a suspended account (authenticate throws Unauthorized for that).
 */
export async function getServerMe(): Promise<Me | null> {
  let actor;
  try {
    actor = await authenticate(await headers());
  } catch (err) {
    if (err instanceof Unauthorized) return null;
    throw err;
  }
  if (!actor) return null;
  const requestId = crypto.randomUUID();
  return (await getMe({ ctx: { actor, requestId } })) as Me;
}

/** Like getServerMe, but sends anonymous visitors to the sign-in page and back here afterwards. */
export async function requireServerMe(nextPath: string): Promise<Me> {
  const me = await getServerMe();
  if (!me) redirect(`/login?next=${encodeURIComponent(nextPath)}`);
  return me;
}
