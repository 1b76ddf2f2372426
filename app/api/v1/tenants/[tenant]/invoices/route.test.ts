import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { closePeriods } from "@/lib/services/billing/close-periods";
import { world } from "@/lib/services/functions/test-support";
import { pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { PATCH as ADMIN_PATCH } from "@/app/api/v1/admin/tenants/[tenant]/route";
import { GET as USAGE } from "../usage/route";
import { GET } from "./route";

// Open and migrate the database in the hook (60 s budget), not inside the first test (30 s).
beforeAll(async () => {
  await getDb();
});

describe("GET /api/v1/tenants/{tenant}/invoices and closing periods", () => {
  it("closes a period once into an invoice that equals the metered usage exactly", async () => {
    const w = await world();
    const db = await getDb();
    const admin = await createTokenFor((await createUser({ admin: true })).id);
    // The tenant exists since March 2026 and is on Pro with small allowances so usage costs money.
    await db.update(schema.tenants).set({ createdAt: new Date("2026-03-10T00:00:00Z") }).where(eq(schema.tenants.id, w.tenant.id));
    await call(ADMIN_PATCH, { token: admin, method: "PATCH", params: { tenant: w.tenant.slug }, body: { plan: "pro", limits: { includedRequests: 1_000_000, includedCpuMs: 1_000 } } });
    // 3,500,001 requests and 2,000,000.5 CPU-ms in March, across two days and a retried flush.
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "a", minute: "2026-03-11T10:00:00.000Z", requests: 3_000_000, cpuUs: 1_500_000_000 })]);
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "b", minute: "2026-03-31T23:59:00.000Z", requests: 500_001, cpuUs: 500_000_500 })]);
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "a", minute: "2026-04-01T00:00:00.000Z", requests: 7, cpuUs: 7 })]);

    const march = await call(USAGE, { ...w.owner, path: `/api/v1/tenants/${w.tenant.slug}/usage?period=2026-03`, params: { tenant: w.tenant.slug } });
    expect(march.json).toMatchObject({ requests: 3_500_001, cpuMs: 2_000_000.5, open: false });

    // Not closed before the grace period after the month ends…
    expect((await closePeriods({ now: new Date("2026-04-01T00:05:00Z") })).created).toBe(0);
    // …then once, and never again.
    const first = await closePeriods({ now: new Date("2026-04-02T00:00:00Z") });
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect((await closePeriods({ now: new Date("2026-04-02T00:00:00Z") })).created).toBe(0);

    const r = await call(GET, { ...w.owner, params: { tenant: w.tenant.slug } });
    expect(r.status).toBe(200);
    const invoices = r.json.invoices as { period: string; requests: number; cpuMs: number; totalMinor: number; lines: { kind: string; quantity: number; billable: number; amountMinor: number }[] }[];
    expect(invoices.map((i) => i.period)).toEqual(["2026-03"]);
    const inv = invoices[0]!;
    expect(inv).toMatchObject({ requests: 3_500_001, cpuMs: 2_000_000.5, plan: { id: "pro" }, currency: "USD" });
    // 2,500,001 extra requests × 30 / 1e6 = 75.00003 → 75; 1,999,000.5 extra CPU-ms × 2 / 1e6 = 3.998001 → 4.
    expect(inv.lines).toEqual([
      expect.objectContaining({ kind: "base", amountMinor: 2000 }),
      expect.objectContaining({ kind: "requests", quantity: 3_500_001, billable: 2_500_001, amountMinor: 75 }),
      expect.objectContaining({ kind: "cpu", quantity: 2_000_000.5, billable: 1_999_000.5, amountMinor: 4 }),
    ]);
    expect(inv.totalMinor).toBe(2079);
    expect(march.json.costMinor).toBe(inv.totalMinor);

    // The database itself refuses to change an invoice.
    await expect(db.update(schema.invoices).set({ totalMinor: 1 }).where(eq(schema.invoices.tenantId, w.tenant.id))).rejects.toThrow();

    // Usage arriving after the close never changes a closed invoice.
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "a", minute: "2026-03-20T00:00:00.000Z", requests: 1 })]);
    await closePeriods({ now: new Date("2026-04-03T00:00:00Z") });
    const again = await call(GET, { ...w.owner, params: { tenant: w.tenant.slug } });
    expect((again.json.invoices as { totalMinor: number; requests: number }[])[0]).toMatchObject({ totalMinor: 2079, requests: 3_500_001 });
  });

  it("answers 404 to another tenant's member and 403 to a developer without billing access", async () => {
    const w = await world();
    expect((await call(GET, { ...w.outsider, params: { tenant: w.tenant.slug } })).status).toBe(404);
    expect((await call(GET, { token: w.dev.token, params: { tenant: w.tenant.slug } })).status).toBe(403);
    expect((await call(GET, { token: w.viewer.token, params: { tenant: w.tenant.slug } })).status).toBe(403);
    expect((await call(GET, { ...w.owner, params: { tenant: w.tenant.slug } })).json).toEqual({ invoices: [] });
  });
});
