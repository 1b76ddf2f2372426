"use client";

import * as React from "react";
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DEFAULT_RANGE, type MetricsRange } from "@/lib/queries/metrics/keys";
import { useTenantMetrics, type FunctionUsage } from "@/lib/queries/metrics/get-tenant-metrics";
import { count, ms } from "./format";
import { MetricsView } from "./metrics-view";

function TopFunctions({ tenant, functions }: { tenant: string; functions: FunctionUsage[] }) {
  return (
    <Card>
      <CardHeader className="pb-2">
        <CardTitle className="text-sm">Busiest functions</CardTitle>
      </CardHeader>
      <CardContent className="px-0 pb-0">
        <Table flush>
          <TableHeader>
            <TableRow>
              <TableHead>Function</TableHead>
              <TableHead className="text-right">Invocations</TableHead>
              <TableHead className="text-right">Errors</TableHead>
              <TableHead className="text-right">CPU time</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {functions.map((f) => (
              <TableRow key={f.functionId}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`/${encodeURIComponent(tenant)}/functions/${encodeURIComponent(f.name)}`}>
                    {f.name}
                  </Link>
                </TableCell>
                <TableCell className="text-right tabular-nums">{count(f.requests)}</TableCell>
                <TableCell className="text-right tabular-nums">{count(f.errors)}</TableCell>
                <TableCell className="text-right tabular-nums">{ms(f.cpuMs)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/** The tenant's Observability page: all functions together, and the busiest ones. */
export function TenantObservability({ tenant }: { tenant: string }) {
  const [range, setRange] = React.useState<MetricsRange>(DEFAULT_RANGE);
  const query = useTenantMetrics(tenant, range);
  return (
    <MetricsView
      range={range}
      onRange={setRange}
      query={query}
      emptyHint="None of this tenant's functions was called in this range. Deploy a function and call its URL; the runtime reports invocations within a few seconds. Each function's logs are on its Logs tab."
    >
      {query.data?.functions.length ? <TopFunctions tenant={tenant} functions={query.data.functions} /> : null}
    </MetricsView>
  );
}
