import { AlertTriangle, Info } from "lucide-react";
import type { Overlap } from "@/lib/queries/domains/types";
import { cn } from "@/lib/utils";

/** Overlaps of a route with its domain's others: ambiguous ones block saving, the rest inform. */
export function OverlapList({ overlaps, title }: { overlaps: Overlap[]; title?: string }) {
  return (
    <ul className="grid gap-1 text-[13px]" data-testid="route-overlaps" aria-label={title ?? "Overlaps"}>
      {overlaps.map((o) => (
        <li key={o.routeId} className={cn("flex items-start gap-1.5", o.kind === "ambiguous" ? "text-destructive" : "text-muted-foreground")}>
          {o.kind === "ambiguous" ? <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden /> : <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />}
          <span>
            {o.kind === "ambiguous" ? <strong className="font-medium">Conflict: </strong> : null}
            {o.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
