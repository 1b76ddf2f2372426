"use client";

import * as React from "react";
import { qs } from "../fetch-json";
import type { LogFilters } from "./keys";
import { logsPath, type LogLine } from "./list-logs";

const KEEP = 1000;

export type LogStream = {
  /** Lines shown, newest first. */
  lines: LogLine[];
  /** Lines received while paused, not shown yet. */
  pending: number;
  status: "off" | "connecting" | "live" | "reconnecting" | "closed";
  paused: boolean;
  setPaused: (p: boolean) => void;
  clear: () => void;
};

/**
 * Tails a function's logs over server-sent events while `enabled`. While paused, lines are kept
 * aside and counted, so the table stops moving under the reader without losing anything.
 */
export function useLogStream(tenant: string, fn: string, filters: LogFilters, enabled: boolean): LogStream {
  const [lines, setLines] = React.useState<LogLine[]>([]);
  const [buffer, setBuffer] = React.useState<LogLine[]>([]);
  const [status, setStatus] = React.useState<Exclude<LogStream["status"], "off">>("connecting");
  const [paused, setPausedState] = React.useState(false);
  const pausedRef = React.useRef(false);
  const { q, level } = filters;

  React.useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`${logsPath(tenant, fn)}/stream${qs({ q, level })}`);
    source.onopen = () => setStatus("live");
    // EventSource reconnects by itself and sends Last-Event-ID; the server starts over with its backlog.
    // A refused connection (e.g. 404) is closed for good; anything else is retried by the browser.
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    source.addEventListener("log", (e) => {
      const line = JSON.parse((e as MessageEvent<string>).data) as LogLine;
      const add = (prev: LogLine[]) => (prev.some((x) => x.id === line.id) ? prev : [line, ...prev].slice(0, KEEP));
      if (pausedRef.current) setBuffer(add);
      else setLines(add);
    });
    // Reset on the way out, so that the next connection (other filters, or Live again) starts clean.
    return () => {
      source.close();
      setLines([]);
      setBuffer([]);
      setStatus("connecting");
    };
  }, [tenant, fn, q, level, enabled]);

  const setPaused = React.useCallback(
    (p: boolean) => {
      pausedRef.current = p;
      setPausedState(p);
      if (!p) {
        setLines((prev) => [...buffer, ...prev.filter((x) => !buffer.some((b) => b.id === x.id))].slice(0, KEEP));
        setBuffer([]);
      }
    },
    [buffer],
  );

  const clear = React.useCallback(() => {
    setLines([]);
    setBuffer([]);
  }, []);

  return { lines, pending: buffer.length, status: enabled ? status : "off", paused, setPaused, clear };
}
