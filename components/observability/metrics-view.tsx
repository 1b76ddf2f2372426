"use client";

import * as React from "react";
import { Activity, AlertTriangle } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { MetricsRange } from "@/lib/queries/metrics/keys";
import type { Metrics } from "@/lib/queries/metrics/types";
import { count, ms } from "./format";
import { MetricsCharts } from "./metrics-charts";
import { RangeSelect } from "./range-select";

const RANGE_TEXT: Record<MetricsRange, string> = { "1h": "the last hour", "24h": "the last 24 hours", "7d": "the last 7 days", "30d": "the last 30 days" };

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border bg-card px-4 py-3 shadow-xs">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className="mt-0.5 text-xl font-semibold tabular-nums">{value}</div>
    </div>
  );
}

/** Console lines the runtime counted instead of keeping: the logs of this range are incomplete. */
function DroppedLogs({ n, range }: { n: number; range: MetricsRange }) {
  return (
    <p className="flex items-start gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" role="status" data-testid="logs-dropped">
      <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden />
      <span>
        {n.toLocaleString("en-US")} console {n === 1 ? "line was" : "lines were"} not kept in {RANGE_TEXT[range]}: a runtime worker keeps at most 10,000 console lines per quarter second and only counts the rest, so the logs of this range are incomplete.
      </span>
    </p>
  );
}

type Props = {
  range: MetricsRange;
  onRange: (r: MetricsRange) => void;
  query: { data?: Metrics; error: unknown; isPending: boolean; isFetching: boolean; refetch: () => unknown };
  /** What to say when nothing ran in the range. */
  emptyHint: React.ReactNode;
  /** Extra filters shown next to the range selector. */
  controls?: React.ReactNode;
  children?: React.ReactNode;
};

/** Range selector, totals and charts, with loading, error and no-traffic states kept apart. */
export function MetricsView({ range, onRange, query, emptyHint, controls, children }: Props) {
  const { data } = query;
  let body: React.ReactNode;
  if (query.isPending) body = <Skeleton className="h-72 w-full" />;
  else if (!data) body = <ErrorState title="Could not load metrics" error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  else if (data.totals.requests === 0)
    body = (
      <EmptyState icon={Activity} title={`No invocations in ${RANGE_TEXT[range]}`}>
        {emptyHint}
      </EmptyState>
    );
  else {
    const errorRate = data.totals.errors / data.totals.requests;
    body = (
      <>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Invocations" value={count(data.totals.requests)} />
          <Stat label="Errors" value={count(data.totals.errors)} />
          <Stat label="Error rate" value={`${(errorRate * 100).toFixed(errorRate < 0.01 ? 2 : 1)} %`} />
          <Stat label="CPU time" value={ms(data.totals.cpuMs)} />
        </div>
        {data.totals.logsDropped > 0 ? <DroppedLogs n={data.totals.logsDropped} range={range} /> : null}
        <MetricsCharts series={data.series} range={range} />
        {children}
      </>
    );
  }
  return (
    <div className="grid gap-4" data-testid="metrics-view">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">Rollups from the runtime (per minute, hours after a day); percentiles come from latency histograms.</p>
        <div className="flex items-center gap-2">
          {controls}
          <RangeSelect value={range} onChange={onRange} />
        </div>
      </div>
      {query.error && data ? <ErrorState title="Could not refresh metrics" error={query.error} onRetry={() => void query.refetch()} /> : null}
      {body}
    </div>
  );
}
