import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { env } from "@/lib/env";
import { withTransaction, audit } from "@/lib/services/context";
import { createFunction } from "@/lib/services/functions/create-function";
import { deployFunction } from "@/lib/services/functions/deploy-function";
import { insertTenant } from "@/lib/services/tenants/create-tenant";
import { insertUser } from "@/lib/services/users/insert-user";

/**
 * First start: a platform admin and a demo tenant. Credentials come from ADMIN_EMAIL and
 * ADMIN_PASSWORD when set; otherwise they are generated and printed once. Later starts find an
 * admin and do nothing, so restarts never reset an account.
 */
export async function seed(): Promise<void> {
  const e = env();
  const db = await getDb();
  const [anyAdmin] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.role, "admin")).limit(1);
  if (anyAdmin) return;
  const email = (e.ADMIN_EMAIL ?? "admin@edgefn.localhost").toLowerCase();
  const generated = !e.ADMIN_PASSWORD;
  const password = e.ADMIN_PASSWORD ?? crypto.randomBytes(12).toString("base64url");
  const { admin, demo } = await withTransaction(async (tx) => {
    const admin = await insertUser(tx, { name: "Platform admin", email, password, platformRole: "admin" });
    await audit(tx, null, { action: "user.seeded", target: admin.id, details: { email } });
    const [existing] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, "demo"));
    const demo = existing ? null : await insertTenant(tx, null, { name: "Demo", slug: "demo", ownerId: admin.id });
    return { admin, demo };
  });
  if (demo) await seedHello(admin, demo);
  const lines = [
    "",
    "  ┌─ Edgefn: first start ──────────────────────────────────────────",
    `  │ Console:  ${e.publicUrl}`,
    `  │ Admin:    ${email}`,
    `  │ Password: ${generated ? password : "(from ADMIN_PASSWORD)"}`,
    generated ? "  │ This password is shown only once; change it or set ADMIN_PASSWORD." : "  │",
    "  └────────────────────────────────────────────────────────────────",
    "",
  ];
  console.log(lines.join("\n"));
}

const HELLO = `export default {
  async fetch(request: Request, env: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    return Response.json({ hello: "world", path: url.pathname, at: new Date().toISOString() });
  },
};
`;

/** A live `hello` function in the demo tenant, so the runtime answers something on first start. */
async function seedHello(admin: { id: string; email: string; name: string }, demo: { id: string; slug: string; name: string }): Promise<void> {
  const ctx = {
    requestId: "seed",
    actor: { userId: admin.id, email: admin.email, name: admin.name, platformRole: "admin" as const, via: "session" as const },
    tenant: { id: demo.id, slug: demo.slug, name: demo.name, status: "active" as const },
    role: "owner" as const,
  };
  await createFunction({ ctx, input: { name: "hello", description: "Hello world, seeded on first start" } });
  await deployFunction({ ctx, fn: "hello", input: { files: { "index.ts": HELLO }, message: "Seeded on first start" } });
}
