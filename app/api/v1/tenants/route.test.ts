import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { addMember, call, createTenantFor, createTokenFor, createUser, sessionCookie } from "@/lib/test/fixtures";
import * as members from "./[tenant]/members/route";
import * as member from "./[tenant]/members/[memberId]/route";
import * as invitations from "./[tenant]/invitations/route";
import * as tenant from "./[tenant]/route";
import * as tenants from "./route";
import * as accept from "../invitations/[id]/accept/route";

describe("tenants", () => {
  it("creates a tenant whose creator is owner, and lists it", async () => {
    const u = await createUser();
    const token = await createTokenFor(u.id);
    const created = await call(tenants.POST, { token, body: { name: "Acme Inc", slug: "acme" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ slug: "acme", role: "owner", status: "active" });
    const list = await call(tenants.GET, { token });
    expect(list.json.tenants).toEqual([expect.objectContaining({ slug: "acme", role: "owner" })]);
    const dup = await call(tenants.POST, { token, body: { name: "Other", slug: "acme" } });
    expect(dup.status).toBe(409);
  });

  it("rejects bad input with 400 naming the field, and leaves nothing half-written", async () => {
    const u = await createUser();
    const token = await createTokenFor(u.id);
    const bad = await call(tenants.POST, { token, body: { name: "X", slug: "Not A Slug!" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("slug");
    const reserved = await call(tenants.POST, { token, body: { name: "X", slug: "admin" } });
    expect(reserved.status).toBe(400);
    expect(reserved.json.error?.message).toMatch(/reserved/);
    const wrongType = await call(tenants.POST, { token, body: { name: 42, slug: "ok-slug" } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error?.message).toMatch(/^name:/);
    const malformed = await call(tenants.POST, { token, rawBody: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error?.message).toMatch(/Malformed JSON/);
    const huge = await call(tenants.POST, { token, rawBody: JSON.stringify({ name: "x".repeat(2_000_000), slug: "big" }) });
    expect(huge.status).toBe(413);
    const db = await getDb();
    const slugs = (await db.select({ slug: schema.tenants.slug }).from(schema.tenants)).map((r) => r.slug);
    expect(slugs).not.toContain("ok-slug");
    expect(slugs).not.toContain("big");
  });
});

describe("tenant isolation and roles", () => {
  it("gives 404 for every tenant-B resource to a member of A, by token and by session", async () => {
    const a = await createUser();
    const b = await createUser();
    await createTenantFor(a.id, "tenant-a");
    await createTenantFor(b.id, "tenant-b");
    const token = await createTokenFor(a.id);
    const cookie = await sessionCookie(a.email, a.password);
    for (const auth of [{ token }, { cookie }]) {
      const params = { tenant: "tenant-b" };
      expect((await call(tenant.GET, { ...auth, params })).status).toBe(404);
      expect((await call(tenant.PATCH, { ...auth, params, method: "PATCH", body: { name: "pwned" } })).status).toBe(404);
      expect((await call(tenant.DELETE, { ...auth, params, method: "DELETE" })).status).toBe(404);
      expect((await call(members.GET, { ...auth, params })).status).toBe(404);
      expect((await call(invitations.GET, { ...auth, params })).status).toBe(404);
      expect((await call(invitations.POST, { ...auth, params, body: { email: "x@y.z", role: "owner" } })).status).toBe(404);
      expect((await call(member.DELETE, { ...auth, params: { ...params, memberId: "whatever" }, method: "DELETE" })).status).toBe(404);
    }
    // A nonexistent tenant looks exactly the same as someone else's.
    const missing = await call(tenant.GET, { token, params: { tenant: "nope" } });
    const foreign = await call(tenant.GET, { token, params: { tenant: "tenant-b" } });
    expect(missing.json.error).toEqual({ ...foreign.json.error, message: expect.any(String) });
  });

  it("lets a viewer read but not change anything", async () => {
    const owner = await createUser();
    const viewer = await createUser();
    const t = await createTenantFor(owner.id, "viewed");
    await addMember(t.id, viewer.id, "viewer");
    const token = await createTokenFor(viewer.id);
    const params = { tenant: "viewed" };
    expect((await call(tenant.GET, { token, params })).status).toBe(200);
    expect((await call(members.GET, { token, params })).status).toBe(200);
    expect((await call(tenant.PATCH, { token, params, method: "PATCH", body: { name: "x" } })).status).toBe(403);
    expect((await call(tenant.DELETE, { token, params, method: "DELETE" })).status).toBe(403);
    expect((await call(invitations.POST, { token, params, body: { email: "n@x.io", role: "viewer" } })).status).toBe(403);
    const list = await call(members.GET, { token, params });
    const ownerMember = (list.json.members as { id: string; userId: string }[]).find((m) => m.userId === owner.id)!;
    const demote = await call(member.PATCH, { token, params: { ...params, memberId: ownerMember.id }, method: "PATCH", body: { role: "viewer" } });
    expect(demote.status).toBe(403);
  });

  it("invites a developer by link; the invitee joins with that role", async () => {
    const owner = await createUser();
    const dev = await createUser({ email: "dev@example.test" });
    await createTenantFor(owner.id, "team");
    const ownerToken = await createTokenFor(owner.id);
    const inv = await call(invitations.POST, { token: ownerToken, params: { tenant: "team" }, body: { email: "DEV@example.test", role: "developer" } });
    expect(inv.status).toBe(201);
    expect(inv.json.url).toMatch(/\/invite\/[0-9a-f-]{36}$/);
    const stranger = await createUser();
    const wrong = await call(accept.POST, { token: await createTokenFor(stranger.id), params: { id: inv.json.id as string }, method: "POST" });
    expect(wrong.status).toBe(403);
    const devToken = await createTokenFor(dev.id);
    const ok = await call(accept.POST, { token: devToken, params: { id: inv.json.id as string }, method: "POST" });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ tenant: { slug: "team" }, role: "developer" });
    const again = await call(accept.POST, { token: devToken, params: { id: inv.json.id as string }, method: "POST" });
    expect(again.status).toBe(409);
    const list = await call(members.GET, { token: devToken, params: { tenant: "team" } });
    expect(list.json.members).toContainEqual(expect.objectContaining({ email: "dev@example.test", role: "developer" }));
  });

  it("never removes or demotes the last owner", async () => {
    const owner = await createUser();
    await createTenantFor(owner.id, "solo");
    const token = await createTokenFor(owner.id);
    const list = await call(members.GET, { token, params: { tenant: "solo" } });
    const me = (list.json.members as { id: string }[])[0]!;
    const demote = await call(member.PATCH, { token, params: { tenant: "solo", memberId: me.id }, method: "PATCH", body: { role: "developer" } });
    expect(demote.status).toBe(409);
    const leave = await call(member.DELETE, { token, params: { tenant: "solo", memberId: me.id }, method: "DELETE" });
    expect(leave.status).toBe(409);
  });
});
