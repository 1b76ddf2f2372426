"use client";

import * as React from "react";
import { ChevronRight } from "lucide-react";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { LogLine } from "@/lib/queries/logs/list-logs";
import { cn } from "@/lib/utils";
import { logTime } from "./format";
import { LimitDetails } from "./limit-details";

const LEVEL: Record<string, BadgeProps["variant"]> = { error: "destructive", warn: "warning", info: "default", log: "secondary", debug: "outline" };

export function LevelBadge({ level }: { level: string }) {
  return (
    <Badge variant={LEVEL[level] ?? "secondary"} className="w-12 justify-center font-mono uppercase">
      {level}
    </Badge>
  );
}

/** One log line; lines with details (errors, limit events) or long messages expand in place. */
export function LogRow({ line }: { line: LogLine }) {
  const [open, setOpen] = React.useState(false);
  const stack = typeof line.details?.stack === "string" ? line.details.stack : null;
  const rest = line.details ? Object.fromEntries(Object.entries(line.details).filter(([k]) => k !== "stack")) : null;
  const expandable = Boolean(line.details) || line.message.length > 160 || line.message.includes("\n");
  return (
    <li className={cn("border-b last:border-b-0", line.level === "error" && "bg-red-50/40")} data-testid="log-line">
      <button
        type="button"
        disabled={!expandable}
        aria-expanded={expandable ? open : undefined}
        onClick={() => setOpen((o) => !o)}
        className="grid w-full grid-cols-[1rem_auto_auto_auto_1fr] items-start gap-3 px-3 py-1.5 text-left text-xs enabled:hover:bg-muted/50"
      >
        <ChevronRight aria-hidden className={cn("mt-0.5 size-3.5 text-muted-foreground transition-transform", open && "rotate-90", !expandable && "invisible")} />
        <time dateTime={line.at} className="whitespace-nowrap text-muted-foreground tabular-nums">
          {logTime(line.at)}
        </time>
        <LevelBadge level={line.level} />
        <span className="w-24 truncate font-mono text-muted-foreground" title={`request ${line.requestId} · v${line.version}${line.status ? ` · ${line.status}` : ""}`}>
          {line.requestId}
        </span>
        <span className={cn("min-w-0 font-mono break-words whitespace-pre-wrap", !open && "line-clamp-2")}>{line.message}</span>
      </button>
      {open ? (
        <div className="grid gap-2 px-3 pb-3 pl-10 text-xs">
          <div className="text-muted-foreground">
            Request <code className="font-mono select-all">{line.requestId}</code> · version {line.version}
            {line.status ? ` · status ${line.status}` : ""}
          </div>
          {line.details?.kind === "limit" ? (
            <LimitDetails details={line.details} />
          ) : (
            <>
              {stack ? <pre className="overflow-x-auto rounded-md bg-muted p-2 font-mono whitespace-pre">{stack}</pre> : null}
              {rest && Object.keys(rest).length ? <pre className="overflow-x-auto rounded-md bg-muted p-2 font-mono">{JSON.stringify(rest, null, 2)}</pre> : null}
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
