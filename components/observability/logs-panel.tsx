"use client";

import * as React from "react";
import { Pause, Play, Radio, ScrollText, Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { LogFilters } from "@/lib/queries/logs/keys";
import { useLogs, type LogLine } from "@/lib/queries/logs/list-logs";
import { useLogStream } from "@/lib/queries/logs/use-log-stream";
import { LogRow } from "./log-row";

const LEVELS = ["debug", "info", "log", "warn", "error"];
const ALL = "all";

/** The Logs tab: search and filter stored lines page by page, or tail new ones live. */
export function LogsPanel({ tenant, fn }: { tenant: string; fn: string }) {
  const [text, setText] = React.useState("");
  const [level, setLevel] = React.useState(ALL);
  const [live, setLive] = React.useState(false);
  const q = React.useDeferredValue(text.trim());
  const filters: LogFilters = React.useMemo(() => ({ q: q || undefined, level: level === ALL ? undefined : level }), [q, level]);
  const logs = useLogs(tenant, fn, filters);
  const stream = useLogStream(tenant, fn, filters, live);

  const stored = React.useMemo(() => logs.data?.pages.flatMap((p) => p.logs) ?? [], [logs.data]);
  // Live lines on top of the stored ones; the stream's backlog overlaps them, so drop repeats by id.
  const lines: LogLine[] = React.useMemo(() => {
    if (!live) return stored;
    const ids = new Set(stream.lines.map((l) => l.id));
    return [...stream.lines, ...stored.filter((l) => !ids.has(l.id))];
  }, [live, stream.lines, stored]);

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-56 flex-1">
          <Search aria-hidden className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
          <Input aria-label="Search messages" placeholder="Search messages…" value={text} onChange={(e) => setText(e.target.value)} className="pl-8" />
        </div>
        <Select value={level} onValueChange={setLevel}>
          <SelectTrigger aria-label="Level" className="w-32">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All levels</SelectItem>
            {LEVELS.map((l) => (
              <SelectItem key={l} value={l}>
                {l}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button variant={live ? "default" : "outline"} aria-pressed={live} onClick={() => setLive((v) => !v)}>
          <Radio />
          Live
        </Button>
        {live ? (
          <>
            <Button variant="outline" onClick={() => stream.setPaused(!stream.paused)}>
              {stream.paused ? <Play /> : <Pause />}
              {stream.paused ? "Resume" : "Pause"}
            </Button>
            <span className="text-xs text-muted-foreground" aria-live="polite">
              {stream.paused && stream.pending > 0
                ? `${stream.pending} new line${stream.pending === 1 ? "" : "s"}`
                : stream.status === "live"
                  ? "Streaming"
                  : stream.status === "reconnecting"
                    ? "Reconnecting…"
                    : stream.status === "closed"
                      ? "Stream closed; toggle Live to retry"
                      : "Connecting…"}
            </span>
          </>
        ) : null}
      </div>
      {logs.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : logs.isError ? (
        <ErrorState title="Could not load logs" error={logs.error} onRetry={() => void logs.refetch()} retrying={logs.isFetching} />
      ) : lines.length === 0 ? (
        <EmptyState icon={ScrollText} title={filters.q || filters.level ? "No lines match these filters" : "No logs yet"}>
          {filters.q || filters.level
            ? "Try a shorter search or another level."
            : "console output, uncaught errors and limit events of this function show up here once it is called. Turn on Live to watch new lines arrive."}
        </EmptyState>
      ) : (
        <div className="rounded-lg border bg-card shadow-xs">
          <ul aria-label="Log lines">
            {lines.map((l) => (
              <LogRow key={l.id} line={l} />
            ))}
          </ul>
          {logs.hasNextPage ? (
            <div className="border-t p-2 text-center">
              <Button variant="ghost" size="sm" onClick={() => void logs.fetchNextPage()} loading={logs.isFetchingNextPage}>
                Load older lines
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
