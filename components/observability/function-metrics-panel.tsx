"use client";

import * as React from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useVersions } from "@/lib/queries/functions/list-versions";
import { DEFAULT_RANGE, type MetricsRange } from "@/lib/queries/metrics/keys";
import { useFunctionMetrics } from "@/lib/queries/metrics/get-function-metrics";
import { MetricsView } from "./metrics-view";

const ALL = "all";

/** The Metrics tab of the function editor, for all versions or one. */
export function FunctionMetricsPanel({ tenant, fn }: { tenant: string; fn: string }) {
  const [range, setRange] = React.useState<MetricsRange>(DEFAULT_RANGE);
  const [version, setVersion] = React.useState(ALL);
  const versions = useVersions(tenant, fn);
  const query = useFunctionMetrics(tenant, fn, range, version === ALL ? undefined : Number(version));
  const controls = versions.data?.length ? (
    <Select value={version} onValueChange={setVersion}>
      <SelectTrigger size="sm" aria-label="Version" className="w-36">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>All versions</SelectItem>
        {versions.data.map((v) => (
          <SelectItem key={v.number} value={String(v.number)}>
            Version {v.number}
            {v.live ? " (live)" : ""}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  ) : null;
  return (
    <MetricsView
      range={range}
      onRange={setRange}
      query={query}
      controls={controls}
      emptyHint="Charts appear here once the function is deployed and called; the runtime reports invocations within a few seconds."
    />
  );
}
