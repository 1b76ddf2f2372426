import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenantFor, createTokenFor, createUser } from "@/lib/test/fixtures";
import { POST as ADD } from "@/app/api/v1/tenants/[tenant]/domains/route";
import { POST as VERIFY } from "./[hostname]/verify/route";
import { GET } from "./route";

let adminToken = "";
let userToken = "";
const host = `adm-${Date.now().toString(36)}.example.org`;

beforeAll(async () => {
  const admin = await createUser({ admin: true });
  adminToken = await createTokenFor(admin.id);
  const user = await createUser();
  userToken = await createTokenFor(user.id);
  const tenant = await createTenantFor(user.id);
  await call(ADD, { token: userToken, path: "/x", params: { tenant: tenant.slug }, body: { hostname: host } });
});

describe("admin domains", () => {
  it("lists every tenant's domains for platform admins, filtered by status, and marks one verified", async () => {
    const list = await call(GET, { token: adminToken, path: "/api/v1/admin/domains?status=unverified" });
    expect(list.status).toBe(200);
    expect(list.json.domains).toEqual(expect.arrayContaining([expect.objectContaining({ hostname: host, verified: false, tenant: expect.any(String) })]));
    expect((await call(VERIFY, { token: adminToken, method: "POST", path: "/x", params: { hostname: host } })).json).toMatchObject({ verified: true, domain: { verifiedBy: "admin" } });
    const after = await call(GET, { token: adminToken, path: "/api/v1/admin/domains?status=unverified" });
    expect((after.json.domains as { hostname: string }[]).some((d) => d.hostname === host)).toBe(false);
    expect((await call(VERIFY, { token: adminToken, method: "POST", path: "/x", params: { hostname: "nope.example.org" } })).status).toBe(404);
  });

  it("refuses others (403) and bad filters (400 naming the field)", async () => {
    expect((await call(GET, { token: userToken, path: "/api/v1/admin/domains" })).status).toBe(403);
    expect((await call(VERIFY, { token: userToken, method: "POST", path: "/x", params: { hostname: host } })).status).toBe(403);
    const bad = await call(GET, { token: adminToken, path: "/api/v1/admin/domains?status=weird" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("status");
  });
});
