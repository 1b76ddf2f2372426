import type { InvoiceLine } from "@/drizzle/schema";
import type { EffectiveLimits, Plan } from "@/lib/services/plans/limits";

export type Metered = { requests: number; cpuUs: number };

export type Priced = {
  lines: InvoiceLine[];
  /** Charges for usage beyond the allowance (what a spend cap limits). */
  usageMinor: number;
  totalMinor: number;
};

/** round(n / d), halves up, in integers: money never passes through a float. */
function divRound(n: bigint, d: bigint): number {
  return Number((n * 2n + d) / (2n * d));
}

/** CPU-ms with microsecond precision, as shown to people (3 decimals at most). */
export const cpuMsOf = (cpuUs: number): number => cpuUs / 1000;

/**
 * Prices a period's metered usage under a plan: the base price, then requests and CPU beyond the
 * included amounts at the plan's price per million. Each line is rounded once, to the minor unit.
 */
export function priceUsage(plan: Plan, limits: EffectiveLimits, m: Metered): Priced {
  const billableRequests = Math.max(0, m.requests - limits.includedRequests);
  const billableCpuUs = Math.max(0, m.cpuUs - limits.includedCpuMs * 1000);
  const requestsMinor = divRound(BigInt(billableRequests) * BigInt(plan.pricePerMillionRequestsMinor), 1_000_000n);
  // Price per million CPU-ms = per 10^9 µs.
  const cpuMinor = divRound(BigInt(billableCpuUs) * BigInt(plan.pricePerMillionCpuMsMinor), 1_000_000_000n);
  const lines: InvoiceLine[] = [
    { kind: "base", description: `${plan.name} plan`, quantity: 1, included: 0, billable: 1, unitPriceMinor: plan.monthlyPriceMinor, amountMinor: plan.monthlyPriceMinor },
    {
      kind: "requests",
      description: "Requests",
      quantity: m.requests,
      included: limits.includedRequests,
      billable: billableRequests,
      unitPriceMinor: plan.pricePerMillionRequestsMinor,
      amountMinor: requestsMinor,
    },
    {
      kind: "cpu",
      description: "CPU time (ms)",
      quantity: cpuMsOf(m.cpuUs),
      included: limits.includedCpuMs,
      billable: cpuMsOf(billableCpuUs),
      unitPriceMinor: plan.pricePerMillionCpuMsMinor,
      amountMinor: cpuMinor,
    },
  ];
  const usageMinor = requestsMinor + cpuMinor;
  return { lines, usageMinor, totalMinor: plan.monthlyPriceMinor + usageMinor };
}
