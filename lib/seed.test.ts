import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getAuth } from "@/lib/auth";
import { closeDb, dbKind, getDb, schema } from "@/lib/db";
import { seed } from "@/lib/seed";
import { call, createTenantFor, createTokenFor, createUser } from "@/lib/test/fixtures";
import { GET as me } from "@/app/api/v1/me/route";

describe("first start and restarts", () => {
  it("seeds one admin and the demo tenant, printing a generated password once", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await seed();
    await seed();
    const printed = log.mock.calls.flat().join("\n");
    log.mockRestore();
    expect(printed.match(/Password: (\S+)/g)).toHaveLength(1);
    const password = /Password: (\S+)/.exec(printed)![1]!;
    const db = await getDb();
    const admins = await db.select().from(schema.users).where(eq(schema.users.role, "admin"));
    expect(admins).toHaveLength(1);
    const [demo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, "demo"));
    expect(demo).toBeDefined();
    const [hello] = await db.select().from(schema.functions).where(eq(schema.functions.tenantId, demo!.id));
    expect(hello).toMatchObject({ name: "hello", liveVersion: 1 });
    const auth = await getAuth();
    const res = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ email: admins[0]!.email, password }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("keeps accounts, tenants and tokens across a restart of the database", async () => {
    const u = await createUser();
    await createTenantFor(u.id, "durable");
    const token = await createTokenFor(u.id);
    if ((await dbKind()) === "pglite") {
      await closeDb();
      // The next call reopens the same data directory, as a restarted `npm start` would.
    }
    const after = await call(me, { token });
    expect(after.status).toBe(200);
    expect(after.json.tenants).toEqual([expect.objectContaining({ slug: "durable", role: "owner" })]);
  });
});
