// Fixtures for the functions and variables route tests; imported only by *.test.ts files.
import { count } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { addMember, call, createTenantFor, createTokenFor, createUser, sessionCookie } from "@/lib/test/fixtures";

type Handler = Parameters<typeof call>[0];
type Who = { token?: string; cookie?: string };

/**
 * A tenant with an owner, a developer and a viewer, and an outsider who owns another tenant
 * (signed in by token and by session cookie) for the cross-tenant checks.
 */
export async function world() {
  const owner = await createUser();
  const tenant = await createTenantFor(owner.id);
  const dev = await createUser();
  await addMember(tenant.id, dev.id, "developer");
  const viewer = await createUser();
  await addMember(tenant.id, viewer.id, "viewer");
  const outsiderUser = await createUser();
  const otherTenant = await createTenantFor(outsiderUser.id);
  const outsider = { token: await createTokenFor(outsiderUser.id), cookie: await sessionCookie(outsiderUser.email, outsiderUser.password) };
  return {
    tenant,
    otherTenant,
    owner: { token: await createTokenFor(owner.id) },
    dev: { token: await createTokenFor(dev.id), id: dev.id },
    viewer: { token: await createTokenFor(viewer.id) },
    outsider,
  };
}

/** Calls a route under /tenants/{tenant}/functions with its path params, as Next.js would. */
export function api(handler: Handler, who: Who, params: Record<string, string>, opts: { method?: string; body?: unknown; rawBody?: string; query?: string } = {}) {
  const path = `/api/v1/tenants/${params.tenant}/functions/${params.function ?? ""}${opts.query ? `?${opts.query}` : ""}`;
  return call(handler, { ...who, ...opts, path, params });
}

/** Row counts of the tables a deploy writes, to show that a failed one wrote nothing. */
export async function rowCounts() {
  const db = await getDb();
  const n = async (t: typeof schema.functionVersions | typeof schema.configChanges | typeof schema.auditLog) => (await db.select({ n: count() }).from(t))[0]!.n;
  return { versions: await n(schema.functionVersions), changes: await n(schema.configChanges), audit: await n(schema.auditLog) };
}

export const HELLO = 'export default { async fetch(req: Request): Promise<Response> { return new Response("hello"); } };\n';
