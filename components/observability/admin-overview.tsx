"use client";

import * as React from "react";
import { Activity } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useAdminOverview, type AdminOverview as Overview } from "@/lib/queries/admin-overview/get-overview";
import type { MetricsRange } from "@/lib/queries/metrics/keys";
import { AdminNodes } from "./admin-overview-nodes";
import { TopFunctionsTable } from "./admin-overview-top";
import { count, ms } from "./format";
import { RangeSelect } from "./range-select";

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card className="py-4">
      <CardContent className="px-4">
        <div className="text-xs text-muted-foreground">{label}</div>
        <div className="text-2xl font-semibold tabular-nums">{value}</div>
      </CardContent>
    </Card>
  );
}

function Body({ data }: { data: Overview }) {
  const healthy = data.nodes.filter((n) => n.health === "healthy").length;
  return (
    <div className="grid gap-4">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Invocations" value={count(data.totals.requests)} />
        <Stat label="Server errors (5xx)" value={count(data.totals.status5xx)} />
        <Stat label="CPU time" value={ms(data.totals.cpuMs)} />
        <Stat label="Healthy runtime nodes" value={`${healthy} / ${data.nodes.length}`} />
      </div>
      <Card>
        <CardHeader className="flex flex-row items-center justify-between pb-2">
          <CardTitle className="text-sm">Runtime nodes</CardTitle>
          <span className="text-xs text-muted-foreground">latest configuration revision {data.latestRevision}</span>
        </CardHeader>
        <CardContent className="px-0 pb-0">
          <AdminNodes nodes={data.nodes} latestRevision={data.latestRevision} />
        </CardContent>
      </Card>
      {data.totals.requests === 0 ? (
        <EmptyState icon={Activity} title="No invocations in this range">
          No function on the platform was called in this range. Top functions appear here as soon as runtime nodes report traffic.
        </EmptyState>
      ) : (
        <div className="grid gap-4 xl:grid-cols-3">
          <TopFunctionsTable title="Top by invocations" rows={data.topByRequests} metric="requests" />
          <TopFunctionsTable title="Top by CPU time" rows={data.topByCpu} metric="cpu" />
          <TopFunctionsTable title="Top by server errors (uncaught, limits)" rows={data.topByErrors} metric="errors" />
        </div>
      )}
    </div>
  );
}

/** Platform admins' overview: totals, runtime node health, and the top functions across tenants. */
export function AdminOverview() {
  const [range, setRange] = React.useState<MetricsRange>("24h");
  const query = useAdminOverview(range);
  return (
    <div className="grid gap-6">
      <PageHeader title="Overview" description="The whole platform: busiest functions across tenants, and the runtime nodes serving them." actions={<RangeSelect value={range} onChange={setRange} />} />
      {query.isPending ? (
        <TableSkeleton rows={6} columns={5} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Body data={query.data} />
      )}
    </div>
  );
}
