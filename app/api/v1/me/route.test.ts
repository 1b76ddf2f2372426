import { describe, expect, it } from "vitest";
import { call, createTenantFor, createTokenFor, createUser, sessionCookie } from "@/lib/test/fixtures";
import { GET } from "./route";

describe("GET /api/v1/me", () => {
  it("returns the caller and its tenants, by token and by session", async () => {
    const u = await createUser();
    await createTenantFor(u.id, "acme");
    const token = await createTokenFor(u.id);
    const byToken = await call(GET, { token });
    expect(byToken.status).toBe(200);
    expect(byToken.json.user).toMatchObject({ email: u.email, platformRole: "user" });
    expect(byToken.json.tenants).toEqual([expect.objectContaining({ slug: "acme", role: "owner" })]);
    const cookie = await sessionCookie(u.email, u.password);
    const bySession = await call(GET, { cookie });
    expect(bySession.status).toBe(200);
    expect(bySession.json.user).toMatchObject({ id: u.id });
  });

  it("refuses anonymous and bad tokens with 401", async () => {
    expect((await call(GET)).status).toBe(401);
    const bad = await call(GET, { token: "efn_" + "x".repeat(43) });
    expect(bad.status).toBe(401);
    expect(bad.json.error?.code).toBe("unauthorized");
  });
});
