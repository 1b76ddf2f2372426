"use client";

import * as React from "react";
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { MetricsRange } from "@/lib/queries/metrics/keys";
import type { MetricsPoint } from "@/lib/queries/metrics/types";
import { count, ms, tickFormatter, tooltipTime } from "./format";

const GRID = "#e5e7eb";
const AXIS = { fontSize: 11, fill: "#6b7280" };
const STATUS = [
  { key: "status2xx", name: "2xx", color: "#10b981" },
  { key: "status3xx", name: "3xx", color: "#3b82f6" },
  { key: "status4xx", name: "4xx", color: "#f59e0b" },
  { key: "status5xx", name: "5xx", color: "#ef4444" },
] as const;

function ChartCard({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <Card>
      <CardHeader className="pb-2">
        <CardTitle className="text-sm">{title}</CardTitle>
      </CardHeader>
      <CardContent className="h-56 px-2 pb-3">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </CardContent>
    </Card>
  );
}

const numberTooltip = (v: unknown) => (typeof v === "number" ? count(v) : "–");
const msTooltip = (v: unknown) => (typeof v === "number" ? ms(v) : "–");

/** Invocations by status class, errors, latency and CPU percentiles over one range. */
// Minutes without traffic have no percentile (null), which splits a line into segments; a lone
// point between gaps would draw nothing without a dot.
const SPARSE_DOT = { r: 2 } as const;

export function MetricsCharts({ series, range }: { series: MetricsPoint[]; range: MetricsRange }) {
  const tick = tickFormatter(range);
  const xAxis = <XAxis dataKey="t" tickFormatter={tick} tick={AXIS} minTickGap={32} tickLine={false} axisLine={{ stroke: GRID }} />;
  const grid = <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard title="Invocations by status">
        <AreaChart data={series} margin={{ top: 4, right: 12, left: 0, bottom: 0 }}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} tickFormatter={count} allowDecimals={false} width={44} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={tooltipTime} formatter={numberTooltip} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {/* 5xx at the bottom of the stack and 2xx on top: the stack's upper edge (the total) is
              then drawn in 2xx's green, not in 5xx's red over a function with no errors. The
              legend sorts by name either way. */}
          {STATUS.toReversed().map((s) => (
            <Area key={s.key} type="monotone" dataKey={s.key} name={s.name} stackId="status" stroke={s.color} fill={s.color} fillOpacity={0.25} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ChartCard>
      <ChartCard title="Errors">
        <AreaChart data={series} margin={{ top: 4, right: 12, left: 0, bottom: 0 }}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} tickFormatter={count} allowDecimals={false} width={44} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={tooltipTime} formatter={numberTooltip} />
          <Area type="monotone" dataKey="errors" name="Errors" stroke="#ef4444" fill="#ef4444" fillOpacity={0.2} isAnimationActive={false} />
        </AreaChart>
      </ChartCard>
      <ChartCard title="Latency (wall time)">
        <LineChart data={series} margin={{ top: 4, right: 12, left: 0, bottom: 0 }}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} tickFormatter={(v: number) => ms(v)} width={56} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={tooltipTime} formatter={msTooltip} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="p50" name="p50" stroke="#3b82f6" dot={SPARSE_DOT} connectNulls={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="p95" name="p95" stroke="#8b5cf6" dot={SPARSE_DOT} connectNulls={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="p99" name="p99" stroke="#ec4899" dot={SPARSE_DOT} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
      <ChartCard title="CPU time">
        <LineChart data={series} margin={{ top: 4, right: 12, left: 0, bottom: 0 }}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} tickFormatter={(v: number) => ms(v)} width={56} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={tooltipTime} formatter={msTooltip} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="cpuP50" name="p50" stroke="#0ea5e9" dot={SPARSE_DOT} isAnimationActive={false} />
          <Line type="monotone" dataKey="cpuP99" name="p99" stroke="#f97316" dot={SPARSE_DOT} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
    </div>
  );
}
