import { describe, expect, it } from "vitest";
import { call, createTenantFor, createTokenFor, createUser } from "@/lib/test/fixtures";
import { GET as me } from "../me/route";
import * as audit from "./audit/route";
import * as resume from "./tenants/[tenant]/resume/route";
import * as suspend from "./tenants/[tenant]/suspend/route";
import * as tenantOne from "./tenants/[tenant]/route";
import * as tenants from "./tenants/route";
import * as userSuspend from "./users/[id]/suspend/route";
import * as userOne from "./users/[id]/route";
import * as users from "./users/route";
import * as tenantPatch from "../tenants/[tenant]/route";

describe("admin API", () => {
  it("is refused to everyone but platform admins", async () => {
    const dev = await createUser();
    await createTenantFor(dev.id, "devs");
    const token = await createTokenFor(dev.id);
    expect((await call(tenants.GET, { token })).status).toBe(403);
    expect((await call(tenants.POST, { token, body: { name: "x", slug: "xx", ownerEmail: dev.email } })).status).toBe(403);
    expect((await call(suspend.POST, { token, params: { tenant: "devs" }, method: "POST" })).status).toBe(403);
    expect((await call(users.GET, { token })).status).toBe(403);
    expect((await call(users.POST, { token, body: { name: "x", email: "x@x.io", password: "12345678", platformRole: "admin" } })).status).toBe(403);
    expect((await call(userOne.DELETE, { token, params: { id: dev.id }, method: "DELETE" })).status).toBe(403);
    expect((await call(audit.GET, { token })).status).toBe(403);
    expect((await call(tenants.GET)).status).toBe(401);
  });

  it("creates, suspends, resumes and deletes tenants, with an audit trail", async () => {
    const admin = await createUser({ admin: true });
    const owner = await createUser();
    const token = await createTokenFor(admin.id);
    const created = await call(tenants.POST, { token, body: { name: "Client", slug: "client", ownerEmail: owner.email } });
    expect(created.status).toBe(201);
    const noOwner = await call(tenants.POST, { token, body: { name: "C2", slug: "c2", ownerEmail: "nobody@example.test" } });
    expect(noOwner.status).toBe(400);
    expect(noOwner.json.error?.issues?.[0]?.path).toBe("ownerEmail");
    const listed = await call(tenants.GET, { token, path: "/api/v1/admin/tenants?q=clie" });
    expect(listed.json.tenants).toEqual([expect.objectContaining({ slug: "client", members: 1 })]);

    expect((await call(suspend.POST, { token, params: { tenant: "client" }, method: "POST" })).json).toMatchObject({ status: "suspended" });
    // The owner of a suspended tenant may look but not change anything.
    const ownerToken = await createTokenFor(owner.id);
    const frozen = await call(tenantPatch.PATCH, { token: ownerToken, params: { tenant: "client" }, method: "PATCH", body: { name: "new" } });
    expect(frozen.status).toBe(403);
    expect(frozen.json.error?.message).toMatch(/suspended/);
    expect((await call(resume.POST, { token, params: { tenant: "client" }, method: "POST" })).json).toMatchObject({ status: "active" });

    expect((await call(tenantOne.DELETE, { token, params: { tenant: "client" }, method: "DELETE" })).status).toBe(204);
    expect((await call(me, { token: ownerToken })).json.tenants).toEqual([]);
    const trail = await call(audit.GET, { token, path: "/api/v1/admin/audit?action=tenant." });
    const actions = (trail.json.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["tenant.created", "tenant.suspended", "tenant.resumed", "tenant.deleted"]));
  });

  it("suspends a user: its tokens stop working; deletes users", async () => {
    const admin = await createUser({ admin: true });
    const victim = await createUser();
    const token = await createTokenFor(admin.id);
    const victimToken = await createTokenFor(victim.id);
    // Used first, so the token is in the actor cache: suspension must still apply to the next request.
    expect((await call(me, { token: victimToken })).status).toBe(200);
    expect((await call(userSuspend.POST, { token, params: { id: victim.id }, method: "POST" })).status).toBe(200);
    expect((await call(me, { token: victimToken })).status).toBe(401);
    const made = await call(users.POST, { token, body: { name: "New", email: "new@example.test", password: "long-password" } });
    expect(made.status).toBe(201);
    const dup = await call(users.POST, { token, body: { name: "New", email: "new@example.test", password: "long-password" } });
    expect(dup.status).toBe(409);
    const madeToken = await createTokenFor(made.json.id as string);
    expect((await call(me, { token: madeToken })).status).toBe(200);
    expect((await call(userOne.DELETE, { token, params: { id: made.json.id as string }, method: "DELETE" })).status).toBe(204);
    expect((await call(me, { token: madeToken })).status).toBe(401);
    expect((await call(userOne.DELETE, { token, params: { id: admin.id }, method: "DELETE" })).status).toBe(409);
  });
});
