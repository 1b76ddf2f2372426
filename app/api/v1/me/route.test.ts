import { describe, expect, it } from "vitest";
import { call, createTenantFor, createTokenFor, createUser, sessionCookie } from "@/lib/test/fixtures";
import { DELETE as revoke } from "../tokens/[id]/route";
import { GET as listTokens } from "../tokens/route";
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

  it("refuses a revoked token on the very next request, even one used a moment before", async () => {
    const u = await createUser();
    const token = await createTokenFor(u.id);
    const other = await createTokenFor(u.id);
    // Both used, so both are in the actor cache.
    expect((await call(GET, { token })).status).toBe(200);
    expect((await call(GET, { token: other })).status).toBe(200);
    const listed = (await call(listTokens, { token: other })).json.tokens as { id: string; prefix: string }[];
    const victim = listed.find((t) => token.startsWith(t.prefix))!;
    expect((await call(revoke, { token: other, params: { id: victim.id }, method: "DELETE" })).status).toBe(204);
    expect((await call(GET, { token })).status).toBe(401);
    expect((await call(GET, { token: other })).status).toBe(200);
  });
});
