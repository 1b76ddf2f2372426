import { describe, expect, it } from "vitest";
import { priceUsage } from "@/lib/services/billing/price";
import { effectiveLimits, type Plan } from "@/lib/services/plans/limits";
import { daysOf, parsePeriod, periodOf } from "./period";
import { quotaBlock, quotaWarnings } from "./quota";
import { summarize } from "./tenant-usage";

const plan: Plan = {
  id: "metered",
  name: "Metered",
  currency: "USD",
  monthlyPriceMinor: 1000,
  includedRequests: 1_000_000,
  includedCpuMs: 10_000,
  pricePerMillionRequestsMinor: 50,
  pricePerMillionCpuMsMinor: 7,
  overage: true,
  cpuMsPerRequest: 50,
  memoryMb: 128,
  subrequests: 50,
  maxFunctions: 10,
  maxDomains: 1,
  logRetentionDays: 1,
  spendCapMinor: 100,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const limits = effectiveLimits(plan, {});

describe("pricing and periods", () => {
  it("rounds each line once, half up, in integers", () => {
    // 10,000 extra requests × 50 / 1e6 = 0.5 → 1; 9,999 → 0.49995 → 0.
    expect(priceUsage(plan, limits, { requests: 1_010_000, cpuUs: 0 }).lines[1]!.amountMinor).toBe(1);
    expect(priceUsage(plan, limits, { requests: 1_009_999, cpuUs: 0 }).lines[1]!.amountMinor).toBe(0);
    // 3,000,000 extra CPU-ms (3e9 µs) × 7 / 1e9 = 21.
    const p = priceUsage(plan, limits, { requests: 0, cpuUs: 10_000_000 + 3_000_000_000 });
    expect(p.lines[2]).toMatchObject({ quantity: 3_010_000, billable: 3_000_000, amountMinor: 21 });
    expect(p.totalMinor).toBe(1021);
  });

  it("projects the period at the current rate and warns at 80 % and 100 %", () => {
    const period = periodOf(new Date("2026-06-10T00:00:00Z"));
    expect(period).toMatchObject({ id: "2026-06" });
    const daily = daysOf(period).map((day) => ({ day, requests: day <= "2026-06-09" ? 100_000 : 0, cpuUs: 0 }));
    // 9 of 30 days elapsed with 900,000 requests → 3,000,000 over the month → 2,000,000 extra → 100.
    const s = summarize(plan, limits, period, daily, new Date("2026-06-10T00:00:00Z"));
    expect(s).toMatchObject({ requests: 900_000, costMinor: 1000, projectedCostMinor: 1100, open: true });
    expect(quotaWarnings(s)).toEqual([expect.objectContaining({ quota: "included_requests", level: 80, percent: 90 })]);
    expect(quotaBlock(s)).toBeNull();
    const closed = summarize(plan, limits, period, daily, new Date("2026-07-02T00:00:00Z"));
    expect(closed).toMatchObject({ open: false, projectedCostMinor: closed.costMinor });
  });

  it("blocks at the spend cap and, without overage, at the allowance", () => {
    const period = parsePeriod("2026-06", new Date("2026-06-15T00:00:00Z"));
    const day = (requests: number) => [{ day: "2026-06-01", requests, cpuUs: 0 }];
    // 2,000,000 extra requests × 50 / 1e6 = 100 = the cap.
    const capped = summarize(plan, limits, period, day(3_000_000), new Date("2026-06-15T00:00:00Z"));
    expect(quotaBlock(capped)).toMatchObject({ quota: "spend_cap", message: expect.stringMatching(/1\.00 USD of a 1\.00 USD cap/) });
    const free = { ...plan, overage: false, spendCapMinor: null };
    const used = summarize(free, effectiveLimits(free, {}), period, day(1_000_000), new Date("2026-06-15T00:00:00Z"));
    expect(quotaBlock(used)).toMatchObject({ quota: "included_requests" });
    // An override lifts the cap entirely.
    const uncapped = summarize(plan, effectiveLimits(plan, { spendCapMinor: null }), period, day(3_000_000), new Date("2026-06-15T00:00:00Z"));
    expect(quotaBlock(uncapped)).toBeNull();
  });
});
