import { headers } from "next/headers";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { env } from "@/lib/env";
import { authenticate } from "@/lib/services/auth/authenticate";
import { tenantContext, type TenantCtx } from "@/lib/services/context";

// Server-only helpers of the functions pages. Never import from a client component.

/** Where the runtime serves functions, so the console can show each one's default URL. */
export function runtimeAddress(): { baseDomain: string; port: number } {
  return { baseDomain: env().RUNTIME_BASE_DOMAIN, port: env().RUNTIME_PORT };
}

/** The caller inside this tenant (the layout already checked membership), or null. */
async function serverTenantCtx(slug: string): Promise<TenantCtx | null> {
  const actor = await authenticate(await headers()).catch(() => null);
  if (!actor) return null;
  return tenantContext({ actor, requestId: crypto.randomUUID() }, slug).catch(() => null);
}

/**
 * Runs a service for the page and seeds the client cache under the query key the client uses, so
 * the first paint has data. JSON round trip: the client sees what the REST API would send.
 * A failure is left to the client query, which renders its own error state with a retry.
 */
export async function prefetch(slug: string, entries: { key: readonly unknown[]; load: (ctx: TenantCtx) => Promise<unknown> }[]): Promise<DehydratedState> {
  const qc = new QueryClient();
  const ctx = await serverTenantCtx(slug);
  if (ctx) {
    for (const e of entries) {
      try {
        qc.setQueryData(e.key, JSON.parse(JSON.stringify(await e.load(ctx))));
      } catch {
        // The client fetches it again and shows the error.
      }
    }
  }
  return dehydrate(qc);
}
