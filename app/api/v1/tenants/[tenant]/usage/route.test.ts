import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { PATCH as ADMIN_PATCH } from "@/app/api/v1/admin/tenants/[tenant]/route";
import * as access from "./access/route";
import { GET as EXPORT } from "./export/route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
let adminToken: string;
const usage = (who: { token?: string; cookie?: string }, query = "", tenant = w.tenant.slug) =>
  call(GET, { ...who, path: `/api/v1/tenants/${tenant}/usage${query}`, params: { tenant } });

async function lastTenantChange(tenantId: string) {
  const db = await getDb();
  const [row] = await db.select().from(schema.configChanges).where(eq(schema.configChanges.tenantId, tenantId)).orderBy(desc(schema.configChanges.revision)).limit(1);
  return row!;
}

beforeAll(async () => {
  w = await world();
  adminToken = await createTokenFor((await createUser({ admin: true })).id);
  // Pro: 2000 base; 30 per extra million requests; 2 per extra million CPU-ms.
  await call(ADMIN_PATCH, { token: adminToken, method: "PATCH", params: { tenant: w.tenant.slug }, body: { plan: "pro", limits: { includedRequests: 1000, includedCpuMs: 100 } } });
  const t = w.tenant.id;
  await pushRollups([rollup({ tenantId: t, functionId: "f1", minute: minuteAgo(2), requests: 700, cpuUs: 123_456 })]);
  await pushRollups([rollup({ tenantId: t, functionId: "f2", minute: minuteAgo(1), requests: 500, cpuUs: 1_000 })]);
  await pushRollups([rollup({ tenantId: w.otherTenant.id, functionId: "x", minute: minuteAgo(1), requests: 99_999, cpuUs: 5 })]);
});

describe("GET /api/v1/tenants/{tenant}/usage", () => {
  it("shows this period's metered usage against the allowance, priced in minor units", async () => {
    const r = await usage(w.owner);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ requests: 1200, cpuMs: 124.456, currency: "USD", plan: { id: "pro", name: "Pro" }, included: { requests: 1000, cpuMs: 100 } });
    // 200 extra requests at 30 per million round to 0; 24.456 extra CPU-ms at 2 per million to 0: base only.
    expect(r.json.costMinor).toBe(2000);
    const today = new Date(minuteAgo(1)).toISOString().slice(0, 10);
    const daily = r.json.daily as { day: string; requests: number; cpuMs: number }[];
    expect(daily.length).toBeGreaterThanOrEqual(28);
    expect(daily.filter((d) => d.requests > 0).reduce((s, d) => s + d.requests, 0)).toBe(1200);
    expect(daily.find((d) => d.day === today)?.requests).toBeGreaterThan(0);
    expect(r.json.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ quota: "included_requests", level: 100 }), expect.objectContaining({ quota: "included_cpu_ms", level: 100 })]));
    expect(r.json.projectedCostMinor as number).toBeGreaterThanOrEqual(2000);
  });

  it("answers 400 naming the period, 404 for another tenant's member, 403 to a developer until an owner grants billing", async () => {
    const bad = await usage(w.owner, "?period=2026-13");
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("period");
    expect((await usage(w.outsider)).status).toBe(404);
    expect((await usage({ cookie: w.outsider.cookie })).status).toBe(404);
    const denied = await usage(w.dev);
    expect(denied.status).toBe(403);
    expect(denied.json.error?.message).toMatch(/billing access/);
    expect((await usage(w.viewer)).status).toBe(403);

    const list = await call(access.GET, { token: w.owner.token, params: { tenant: w.tenant.slug } });
    const devRow = (list.json.members as { memberId: string; userId: string; billing: boolean }[]).find((m) => m.userId === w.dev.id)!;
    expect(devRow.billing).toBe(false);
    expect((await call(access.PUT, { token: w.dev.token, method: "PUT", params: { tenant: w.tenant.slug }, body: { memberId: devRow.memberId, billing: true } })).status).toBe(403);
    const badGrant = await call(access.PUT, { token: w.owner.token, method: "PUT", params: { tenant: w.tenant.slug }, body: { memberId: devRow.memberId, billing: "yes" } });
    expect(badGrant.status).toBe(400);
    expect(badGrant.json.error?.issues?.[0]?.path).toBe("billing");
    const granted = await call(access.PUT, { token: w.owner.token, method: "PUT", params: { tenant: w.tenant.slug }, body: { memberId: devRow.memberId, billing: true } });
    expect(granted.status).toBe(200);
    expect((await usage(w.dev)).status).toBe(200);
    await call(access.PUT, { token: w.owner.token, method: "PUT", params: { tenant: w.tenant.slug }, body: { memberId: devRow.memberId, billing: false } });
    expect((await usage(w.dev)).status).toBe(403);
  });

  it("exports the period as CSV", async () => {
    const req = new Request(`http://localhost:3000/api/v1/tenants/${w.tenant.slug}/usage/export`, { headers: { authorization: `Bearer ${w.owner.token}` } });
    const res = await EXPORT(req, { params: Promise.resolve({ tenant: w.tenant.slug }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".*-usage-\d{4}-\d{2}\.csv"/);
    const text = await res.text();
    expect(text.split("\n")[0]).toBe("date,requests,cpu_ms");
    expect(text).toContain("total,1200,124.456");
  });

  it("blocks a Free tenant that used up its included requests (429 state pushed to the runtime) and lifts it when the allowance grows", async () => {
    const slug = w.tenant.slug;
    await call(ADMIN_PATCH, { token: adminToken, method: "PATCH", params: { tenant: slug }, body: { plan: "free", limits: { includedRequests: 1300 } } });
    expect((await lastTenantChange(w.tenant.id)).payload).toMatchObject({ tenant: { quota: null, limits: { cpuMs: 50 } } });
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "f1", minute: minuteAgo(0), requests: 100 })]);
    const change = await lastTenantChange(w.tenant.id);
    expect(change.kind).toBe("tenant.upserted");
    expect(change.payload).toMatchObject({ tenant: { quota: { quota: "included_requests", message: expect.stringMatching(/1,300 requests/) } } });
    expect((await usage(w.owner)).json.quota).toMatchObject({ quota: "included_requests" });
    await call(ADMIN_PATCH, { token: adminToken, method: "PATCH", params: { tenant: slug }, body: { limits: { includedRequests: 100_000 } } });
    expect((await lastTenantChange(w.tenant.id)).payload).toMatchObject({ tenant: { quota: null } });
  });

  it("blocks any tenant at its spend cap", async () => {
    // Enterprise: 20 per extra million requests. 1,301 requests over 0 included = 0.026 → 0; make it cost.
    await call(ADMIN_PATCH, { token: adminToken, method: "PATCH", params: { tenant: w.tenant.slug }, body: { plan: "enterprise", limits: { includedRequests: 0, spendCapMinor: 1 } } });
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "f1", minute: minuteAgo(0), requests: 50_000 })]);
    expect((await lastTenantChange(w.tenant.id)).payload).toMatchObject({ tenant: { quota: { quota: "spend_cap" } } });
    const r = await usage(w.owner);
    expect(r.json.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ quota: "spend_cap", level: 100 })]));
  });
});
