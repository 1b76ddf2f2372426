import { z } from "zod";
import type { schema } from "@/lib/db";
import type { LimitOverrides } from "@/drizzle/schema";
import { DEFAULT_LIMITS, type TenantLimits } from "@/runtime/src/protocol";

export type Plan = typeof schema.plans.$inferSelect;

/** The limits a tenant actually has: its plan's, with its own overrides on top. */
export type EffectiveLimits = {
  includedRequests: number;
  includedCpuMs: number;
  cpuMsPerRequest: number;
  memoryMb: number;
  subrequests: number;
  maxFunctions: number;
  maxDomains: number;
  logRetentionDays: number;
  spendCapMinor: number | null;
};

export const LIMIT_KEYS = ["includedRequests", "includedCpuMs", "cpuMsPerRequest", "memoryMb", "subrequests", "maxFunctions", "maxDomains", "logRetentionDays"] as const;

const count = (max: number) => z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").max(max, `must be at most ${max}`);
const positive = (max: number) => count(max).min(1, "must be at least 1");

/** Field rules shared by plans and per-tenant overrides. */
export const LimitFields = {
  includedRequests: count(1e15),
  includedCpuMs: count(1e15),
  cpuMsPerRequest: positive(60_000),
  memoryMb: positive(4096).min(8, "must be at least 8"),
  subrequests: count(100_000),
  maxFunctions: count(1_000_000),
  maxDomains: count(1_000_000),
  logRetentionDays: positive(3650),
  spendCapMinor: count(1e13).nullable(),
};

export const LimitOverridesInput = z.object(LimitFields).partial().strict();

export function effectiveLimits(plan: Plan, overrides: LimitOverrides | null | undefined): EffectiveLimits {
  const o = overrides ?? {};
  const pick = <K extends (typeof LIMIT_KEYS)[number]>(k: K): number => o[k] ?? plan[k];
  return {
    includedRequests: pick("includedRequests"),
    includedCpuMs: pick("includedCpuMs"),
    cpuMsPerRequest: pick("cpuMsPerRequest"),
    memoryMb: pick("memoryMb"),
    subrequests: pick("subrequests"),
    maxFunctions: pick("maxFunctions"),
    maxDomains: pick("maxDomains"),
    logRetentionDays: pick("logRetentionDays"),
    spendCapMinor: "spendCapMinor" in o ? (o.spendCapMinor ?? null) : plan.spendCapMinor,
  };
}

/** The part of the limits the runtime enforces per request. */
export function runtimeLimits(eff: EffectiveLimits | null): TenantLimits {
  if (!eff) return DEFAULT_LIMITS;
  return { ...DEFAULT_LIMITS, cpuMs: eff.cpuMsPerRequest, memoryMb: eff.memoryMb, subrequests: eff.subrequests };
}
