"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { count } from "@/components/observability/format";
import type { UsageDay } from "@/lib/queries/billing/types";
import { cpu, num } from "./format";

const GRID = "#e5e7eb";
const AXIS = { fontSize: 11, fill: "#6b7280" };
const dayTick = (d: string) => String(Number(d.slice(8, 10)));

/** Requests and CPU-ms per UTC day of one period. */
export function UsageChart({ daily }: { daily: UsageDay[] }) {
  return (
    <Card data-testid="usage-chart">
      <CardHeader className="pb-2">
        <CardTitle className="text-sm">Daily usage</CardTitle>
      </CardHeader>
      <CardContent className="h-60 px-2 pb-3">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={daily} margin={{ top: 4, right: 12, left: 0, bottom: 0 }}>
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={dayTick} tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} minTickGap={8} />
            <YAxis yAxisId="req" tick={AXIS} tickFormatter={count} allowDecimals={false} width={44} tickLine={false} axisLine={false} />
            <YAxis yAxisId="cpu" orientation="right" tick={AXIS} tickFormatter={count} width={44} tickLine={false} axisLine={false} />
            <Tooltip formatter={(v, name) => (typeof v === "number" ? (name === "CPU time" ? cpu(v) : num(v)) : "–")} />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="req" dataKey="requests" name="Requests" fill="#3b82f6" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            <Bar yAxisId="cpu" dataKey="cpuMs" name="CPU time" fill="#a78bfa" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </CardContent>
    </Card>
  );
}
