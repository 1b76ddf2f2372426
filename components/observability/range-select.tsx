"use client";

import type { MetricsRange } from "@/lib/queries/metrics/keys";
import { cn } from "@/lib/utils";

const RANGES: { value: MetricsRange; label: string }[] = [
  { value: "1h", label: "1h" },
  { value: "24h", label: "24h" },
  { value: "7d", label: "7d" },
  { value: "30d", label: "30d" },
];

export function RangeSelect({ value, onChange }: { value: MetricsRange; onChange: (r: MetricsRange) => void }) {
  return (
    <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-md border bg-background p-0.5 shadow-xs">
      {RANGES.map((r) => (
        <button
          key={r.value}
          type="button"
          role="radio"
          aria-checked={value === r.value}
          onClick={() => onChange(r.value)}
          className={cn(
            "rounded-sm px-2.5 py-1 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
            value === r.value && "bg-muted text-foreground",
          )}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
