"use client";

import { AlertTriangle, Ban } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Usage } from "@/lib/queries/billing/types";
import { cn } from "@/lib/utils";
import { cpu, money, num, percent } from "./format";
import { UsageChart } from "./usage-chart";

function Meter({ label, used, of, format, testId }: { label: string; used: number; of: number; format: (n: number) => string; testId: string }) {
  const p = percent(used, of);
  return (
    <Card data-testid={testId}>
      <CardHeader className="pb-2">
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{format(used)}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-1.5">
        <div className="h-2 overflow-hidden rounded-full bg-muted" role="meter" aria-label={`${label} used`} aria-valuenow={Math.round(p)} aria-valuemin={0} aria-valuemax={100}>
          <div className={cn("h-full rounded-full", p >= 100 ? "bg-red-500" : p >= 80 ? "bg-amber-500" : "bg-primary")} style={{ width: `${p}%` }} />
        </div>
        <p className="text-xs text-muted-foreground tabular-nums">
          {Math.floor(p)} % of {format(of)} included
        </p>
      </CardContent>
    </Card>
  );
}

/** The quota the runtime enforces now, and the 80 % / 100 % warnings. */
export function QuotaNotices({ usage }: { usage: Usage }) {
  if (!usage.quota && usage.warnings.length === 0) return null;
  return (
    <div className="grid gap-2" data-testid="quota-notices">
      {usage.quota ? (
        <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <Ban className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            <span className="font-medium">Functions are answering 429. </span>
            {usage.quota.message}
          </p>
        </div>
      ) : null}
      {usage.warnings
        .filter((w) => !usage.quota || w.quota !== usage.quota.quota)
        .map((w) => (
          <div
            key={w.quota}
            role="status"
            data-testid={`quota-warning-${w.quota}`}
            className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", w.level === 100 ? "border-red-200 bg-red-50 text-red-800" : "border-amber-200 bg-amber-50 text-amber-900")}
          >
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>{w.message}</p>
          </div>
        ))}
    </div>
  );
}

/** This period against the allowance, cost so far and projected, and the daily chart. */
export function UsageSummary({ usage }: { usage: Usage }) {
  return (
    <div className="grid gap-4">
      <QuotaNotices usage={usage} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Meter testId="usage-requests" label="Requests" used={usage.requests} of={usage.included.requests} format={num} />
        <Meter testId="usage-cpu" label="CPU time" used={usage.cpuMs} of={usage.included.cpuMs} format={cpu} />
        <Card data-testid="usage-cost">
          <CardHeader className="pb-2">
            <CardDescription>{usage.open ? "Cost so far" : "Cost"}</CardDescription>
            <CardTitle className="text-2xl tabular-nums">{money(usage.costMinor, usage.currency)}</CardTitle>
          </CardHeader>
          <CardContent className="text-xs text-muted-foreground">
            {money(usage.plan.monthlyPriceMinor, usage.currency)} plan + {money(usage.usageCostMinor, usage.currency)} usage
            {usage.limits.spendCapMinor !== null ? ` · cap ${money(usage.limits.spendCapMinor, usage.currency)}` : ""}
          </CardContent>
        </Card>
        <Card data-testid="usage-projected">
          <CardHeader className="pb-2">
            <CardDescription>Projected for the period</CardDescription>
            <CardTitle className="text-2xl tabular-nums">{money(usage.projectedCostMinor, usage.currency)}</CardTitle>
          </CardHeader>
          <CardContent className="text-xs text-muted-foreground">{usage.open ? "At the current rate until the period ends" : "The period is closed"}</CardContent>
        </Card>
      </div>
      <UsageChart daily={usage.daily} />
    </div>
  );
}
