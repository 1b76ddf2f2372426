"use client";

import * as React from "react";
import { DEFAULT_RANGE, type MetricsRange } from "@/lib/queries/metrics/keys";
import { useFunctionMetrics } from "@/lib/queries/metrics/get-function-metrics";
import { MetricsView } from "./metrics-view";

/** The Metrics tab of the function editor. */
export function FunctionMetricsPanel({ tenant, fn }: { tenant: string; fn: string }) {
  const [range, setRange] = React.useState<MetricsRange>(DEFAULT_RANGE);
  const query = useFunctionMetrics(tenant, fn, range);
  return (
    <MetricsView
      range={range}
      onRange={setRange}
      query={query}
      emptyHint="Charts appear here once the function is deployed and called; the runtime reports invocations about once a minute."
    />
  );
}
