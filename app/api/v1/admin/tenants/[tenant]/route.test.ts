import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { POST as CREATE_FUNCTION } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { POST as DEPLOY } from "@/app/api/v1/tenants/[tenant]/functions/[function]/deployments/route";
import { POST as ADD_DOMAIN } from "@/app/api/v1/tenants/[tenant]/domains/route";
import * as tenants from "../route";
import * as one from "./route";

async function lastChange(tenantId: string) {
  const db = await getDb();
  const [row] = await db.select().from(schema.configChanges).where(eq(schema.configChanges.tenantId, tenantId)).orderBy(desc(schema.configChanges.revision)).limit(1);
  return row!;
}

// Open and migrate the database in the hook (60 s budget), not inside the first test (30 s).
beforeAll(async () => {
  await getDb();
});

describe("admin tenant detail and PATCH /api/v1/admin/tenants/{tenant}", () => {
  it("shows members, functions and usage; changes plan and overrides and tells the runtime in the same transaction", async () => {
    const w = await world();
    const token = await createTokenFor((await createUser({ admin: true })).id);
    await call(CREATE_FUNCTION, { token: w.dev.token, params: { tenant: w.tenant.slug }, body: { name: "api" } });
    await call(DEPLOY, { token: w.dev.token, params: { tenant: w.tenant.slug, function: "api" }, body: { code: "export default { fetch() { return new Response('x') } }" } });
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "f", minute: minuteAgo(1), requests: 42, cpuUs: 4200 })]);
    const detail = await call(one.GET, { token, params: { tenant: w.tenant.slug } });
    expect(detail.status).toBe(200);
    expect(detail.json.tenant).toMatchObject({ slug: w.tenant.slug, plan: "free", status: "active" });
    expect((detail.json.members as unknown[]).length).toBe(3);
    expect(detail.json.functions).toEqual([expect.objectContaining({ name: "api", versions: 1 })]);
    expect(detail.json.usage).toMatchObject({ requests: 42, cpuMs: 4.2, costMinor: 0 });

    const before = (await lastChange(w.tenant.id)).revision;
    const patched = await call(one.PATCH, { token, method: "PATCH", params: { tenant: w.tenant.slug }, body: { plan: "pro", limits: { cpuMsPerRequest: 25, memoryMb: 64 } } });
    expect(patched.status).toBe(200);
    expect(patched.json.tenant).toMatchObject({ plan: "pro", limitOverrides: { cpuMsPerRequest: 25, memoryMb: 64 } });
    expect(patched.json.usage).toMatchObject({ costMinor: 2000, limits: { cpuMsPerRequest: 25, subrequests: 500 } });
    const change = await lastChange(w.tenant.id);
    expect(change.revision).toBeGreaterThan(before);
    expect(change.payload).toMatchObject({ tenant: { limits: { cpuMs: 25, memoryMb: 64, subrequests: 500 } } });

    const list = await call(tenants.GET, { token, path: "/api/v1/admin/tenants?sort=requests&order=desc" });
    expect(list.status).toBe(200);
    expect((list.json.tenants as { slug: string }[])[0]).toMatchObject({ slug: w.tenant.slug, requests: 42, cpuMs: 4.2, plan: "pro", costMinor: 2000, currency: "USD" });
    const filtered = await call(tenants.GET, { token, path: "/api/v1/admin/tenants?plan=pro" });
    expect((filtered.json.tenants as { plan: string }[]).every((t) => t.plan === "pro")).toBe(true);
    const badSort = await call(tenants.GET, { token, path: "/api/v1/admin/tenants?sort=size" });
    expect(badSort.status).toBe(400);
    expect(badSort.json.error?.issues?.[0]?.path).toBe("sort");
  });

  it("answers 400 naming the field, 404 for an unknown tenant, 403 to non-admins (even the tenant's owner)", async () => {
    const w = await world();
    const token = await createTokenFor((await createUser({ admin: true })).id);
    const at = { tenant: w.tenant.slug };
    const badPlan = await call(one.PATCH, { token, method: "PATCH", params: at, body: { plan: "platinum" } });
    expect(badPlan.status).toBe(400);
    expect(badPlan.json.error?.issues?.[0]?.path).toBe("plan");
    const badLimit = await call(one.PATCH, { token, method: "PATCH", params: at, body: { limits: { memoryMb: -1 } } });
    expect(badLimit.status).toBe(400);
    expect(badLimit.json.error?.issues?.[0]?.path).toBe("limits.memoryMb");
    const unknownLimit = await call(one.PATCH, { token, method: "PATCH", params: at, body: { limits: { bogus: 1 } } });
    expect(unknownLimit.status).toBe(400);
    expect((await call(one.PATCH, { token, method: "PATCH", params: at, body: {} })).status).toBe(400);
    expect((await call(one.GET, { token, params: { tenant: "no-such" } })).status).toBe(404);
    expect((await call(one.PATCH, { token, method: "PATCH", params: { tenant: "no-such" }, body: { plan: "pro" } })).status).toBe(404);
    for (const who of [w.owner, w.dev, w.outsider]) {
      expect((await call(one.GET, { ...who, params: at })).status).toBe(403);
      expect((await call(one.PATCH, { ...who, method: "PATCH", params: at, body: { plan: "enterprise" } })).status).toBe(403);
    }
  });

  it("enforces the function-count limit at create with 429 naming it", async () => {
    const w = await world();
    const token = await createTokenFor((await createUser({ admin: true })).id);
    await call(one.PATCH, { token, method: "PATCH", params: { tenant: w.tenant.slug }, body: { limits: { maxFunctions: 1 } } });
    expect((await call(CREATE_FUNCTION, { token: w.dev.token, params: { tenant: w.tenant.slug }, body: { name: "one" } })).status).toBe(201);
    const two = await call(CREATE_FUNCTION, { token: w.dev.token, params: { tenant: w.tenant.slug }, body: { name: "two" } });
    expect(two.status).toBe(429);
    expect(two.json.error).toMatchObject({ code: "limit_exceeded", limit: "functions", max: 1 });
    expect(two.json.error?.message).toMatch(/allows 1 functions/);
  });

  it("enforces the domain-count limit at create with 429 naming it", async () => {
    const w = await world();
    const token = await createTokenFor((await createUser({ admin: true })).id);
    await call(one.PATCH, { token, method: "PATCH", params: { tenant: w.tenant.slug }, body: { limits: { maxDomains: 1 } } });
    const add = (h: string) => call(ADD_DOMAIN, { token: w.dev.token, params: { tenant: w.tenant.slug }, body: { hostname: `${h}.${w.tenant.slug}.localhost` } });
    expect((await add("one")).status).toBe(201);
    const two = await add("two");
    expect(two.status).toBe(429);
    expect(two.json.error).toMatchObject({ code: "limit_exceeded", limit: "domains", max: 1 });
  });
});
