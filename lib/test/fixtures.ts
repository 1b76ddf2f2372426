import crypto from "node:crypto";
import { getAuth } from "@/lib/auth";
import { schema, getDb } from "@/lib/db";
import type { TenantRole } from "@/drizzle/schema";
import { withTransaction } from "@/lib/services/context";
import { insertTenant } from "@/lib/services/tenants/create-tenant";
import { insertToken } from "@/lib/services/tokens/create-token";
import { insertUser } from "@/lib/services/users/insert-user";

/** Real rows through the real services: tests never fake the auth layer. */
export async function createUser(opts: { email?: string; name?: string; password?: string; admin?: boolean } = {}) {
  const email = opts.email ?? `u-${crypto.randomBytes(4).toString("hex")}@example.test`;
  const password = opts.password ?? "correct-horse-battery";
  const user = await withTransaction((tx) =>
    insertUser(tx, { email, name: opts.name ?? email.split("@")[0]!, password, platformRole: opts.admin ? "admin" : "user" }),
  );
  return { id: user.id, email, password };
}

export async function createTokenFor(userId: string): Promise<string> {
  const t = await withTransaction((tx) => insertToken(tx, null, userId, { name: "test" }));
  return t.token;
}

export async function createTenantFor(userId: string, slug = `t-${crypto.randomBytes(4).toString("hex")}`) {
  return withTransaction((tx) => insertTenant(tx, null, { name: slug, slug, ownerId: userId }));
}

export async function addMember(tenantId: string, userId: string, role: TenantRole) {
  const db = await getDb();
  await db.insert(schema.members).values({ id: crypto.randomUUID(), organizationId: tenantId, userId, role });
}

/** Signs in through better-auth's real HTTP handler and returns the Cookie header to send. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const auth = await getAuth();
  const res = await auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Handler = (req: Request, rc: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler in-process, as Next.js would. */
export async function call(
  handler: Handler,
  opts: { method?: string; path?: string; params?: Record<string, string>; token?: string; cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown> & { error?: { code: string; message: string; issues?: { path: string; message: string }[] } }; res: Response }> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost:3000${opts.path ?? "/"}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.clone().text();
  return { status: res.status, json: text ? JSON.parse(text) : {}, res };
}
