"use client";

import * as React from "react";
import { Download, Lock } from "lucide-react";
import { useCurrentTenant } from "@/components/console/tenant-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/skeleton";
import { usageCsvUrl, useUsage } from "@/lib/queries/billing/get-usage";
import { useInvoices } from "@/lib/queries/billing/list-invoices";
import { ApiError } from "@/lib/queries/fetch-json";
import { BillingAccessCard } from "./billing-access-card";
import { money, periodLabel } from "./format";
import { InvoicesTable } from "./invoices-table";
import { UsageSummary } from "./usage-summary";

/** The current month and the eleven before it, as YYYY-MM (UTC, like billing periods). */
function recentPeriods(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
}

export function TenantUsage({ tenant }: { tenant: string }) {
  const me = useCurrentTenant();
  const [period, setPeriod] = React.useState("current");
  const usage = useUsage(tenant, period);
  const forbidden = usage.error instanceof ApiError && usage.error.status === 403;
  const invoices = useInvoices(tenant, !forbidden);
  const periods = React.useMemo(() => recentPeriods(), []);

  if (forbidden) {
    return (
      <EmptyState icon={Lock} title="Billing is visible to owners">
        Usage and invoices of this tenant are shown to its owners and to members an owner granted billing access. Ask an owner to grant it in Usage &amp; billing.
      </EmptyState>
    );
  }

  let summary: React.ReactNode;
  if (usage.isPending) summary = <Skeleton className="h-72 w-full" />;
  else if (usage.isError) summary = <ErrorState title="Could not load usage" error={usage.error} onRetry={() => usage.refetch()} retrying={usage.isFetching} />;
  else summary = <UsageSummary usage={usage.data} />;

  let history: React.ReactNode;
  if (invoices.isPending) history = <TableSkeleton rows={3} columns={6} />;
  else if (invoices.isError) history = <ErrorState title="Could not load invoices" error={invoices.error} onRetry={() => invoices.refetch()} retrying={invoices.isFetching} />;
  else history = <InvoicesTable invoices={invoices.data} />;

  return (
    <div className="grid gap-8">
      <section className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="text-base font-semibold">{usage.data ? periodLabel(usage.data.period) : "This period"}</h2>
            {usage.data ? (
              <p className="text-sm text-muted-foreground">
                {usage.data.plan.name} plan · {money(usage.data.plan.pricePerMillionRequestsMinor, usage.data.currency)} per extra million requests ·{" "}
                {money(usage.data.plan.pricePerMillionCpuMsMinor, usage.data.currency)} per extra million CPU-ms
                {usage.data.plan.overage ? "" : " · stops at the allowance"}
              </p>
            ) : null}
          </div>
          <div className="flex items-center gap-2">
            <Select value={period} onValueChange={setPeriod}>
              <SelectTrigger className="w-44" aria-label="Billing period">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="current">Current period</SelectItem>
                {periods.slice(1).map((p) => (
                  <SelectItem key={p} value={p}>
                    {periodLabel(p)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Button variant="outline" asChild>
              <a href={usageCsvUrl(tenant, period)} download>
                <Download />
                Export CSV
              </a>
            </Button>
          </div>
        </div>
        {summary}
      </section>
      <section className="grid gap-3">
        <h2 className="text-base font-semibold">Invoices</h2>
        {history}
      </section>
      {me.role === "owner" ? <BillingAccessCard tenant={tenant} /> : null}
    </div>
  );
}
