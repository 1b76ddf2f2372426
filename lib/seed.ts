import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { env } from "@/lib/env";
import { withTransaction, audit } from "@/lib/services/context";
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
  await withTransaction(async (tx) => {
    const admin = await insertUser(tx, { name: "Platform admin", email, password, platformRole: "admin" });
    await audit(tx, null, { action: "user.seeded", target: admin.id, details: { email } });
    const [demo] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, "demo"));
    if (!demo) await insertTenant(tx, null, { name: "Demo", slug: "demo", ownerId: admin.id });
  });
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
