import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { world } from "@/lib/services/functions/test-support";
import { pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { runBillingJobs } from "./jobs";

// Open and migrate the database in the hook (60 s budget), not inside the first test (30 s).
beforeAll(async () => {
  await getDb();
});

describe("billing jobs", () => {
  it("close periods and lift quota blocks when a new period starts", async () => {
    const w = await world();
    const db = await getDb();
    await db.update(schema.tenants).set({ createdAt: new Date("2026-05-01T00:00:00Z"), limitOverrides: { includedRequests: 10 } }).where(eq(schema.tenants.id, w.tenant.id));
    await pushRollups([rollup({ tenantId: w.tenant.id, functionId: "f", minute: new Date().toISOString().slice(0, 16) + ":00.000Z", requests: 10 })]);
    const [blocked] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, w.tenant.id));
    expect(blocked!.quotaBlock).toMatchObject({ quota: "included_requests" });

    // The first day of next month: the Free plan's allowance is fresh again.
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 1));
    const r = await runBillingJobs(next);
    expect(r.invoices).toBeGreaterThan(0);
    expect(r.unblocked).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, w.tenant.id));
    expect(after!.quotaBlock).toBeNull();
    expect((await runBillingJobs(next)).invoices).toBe(0);
  });
});
