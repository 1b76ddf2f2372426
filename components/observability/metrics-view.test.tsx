import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LogLine } from "@/lib/queries/logs/list-logs";
import type { Metrics } from "@/lib/queries/metrics/types";
import { LogRow } from "./log-row";
import { MetricsView } from "./metrics-view";

const point = (t: number, requests: number) => ({
  t: new Date(t).toISOString(),
  requests,
  errors: requests ? 1 : 0,
  status2xx: requests ? requests - 1 : 0,
  status3xx: 0,
  status4xx: 0,
  status5xx: requests ? 1 : 0,
  p50: requests ? 1.2 : null,
  p95: requests ? 8 : null,
  p99: requests ? 40 : null,
  cpuP50: requests ? 0.5 : null,
  cpuP99: requests ? 3 : null,
});

const metrics = (requests: number, logsDropped = 0): Metrics => ({
  range: "1h",
  stepSeconds: 60,
  totals: { requests, errors: requests ? 1 : 0, cpuMs: requests * 2, logsDropped },
  series: Array.from({ length: 60 }, (_, i) => point(Date.UTC(2026, 0, 1, 10, i), i === 30 ? requests : 0)),
});

const query = (data?: Metrics, error: unknown = null) => ({ data, error, isPending: !data && !error, isFetching: false, refetch: () => undefined });
const render = (q: ReturnType<typeof query>) => renderToStaticMarkup(<MetricsView range="1h" onRange={() => undefined} query={q} emptyHint="call it" />);

describe("MetricsView", () => {
  it("shows totals and the four charts when there is traffic", () => {
    const html = render(query(metrics(120)));
    expect(html).toContain("Invocations by status");
    expect(html).toContain("Latency (wall time)");
    expect(html).toContain("CPU time");
    expect(html).toContain("120");
    expect(html).not.toContain("empty-state");
    expect(html).not.toContain("logs-dropped");
  });

  it("says that the range's logs are incomplete when the runtime dropped console lines", () => {
    const html = render(query(metrics(120, 15_000)));
    expect(html).toContain('data-testid="logs-dropped"');
    expect(html).toContain("15,000 console lines were not kept in the last hour");
  });

  it("says so honestly when nothing ran, and shows the error of a failed load", () => {
    expect(render(query(metrics(0)))).toContain("No invocations in the last hour");
    expect(render(query(undefined, new Error("boom")))).toContain("Could not load metrics");
  });
});

describe("LogRow", () => {
  it("renders time, level, request id and message, and marks lines with details expandable", () => {
    const line: LogLine = { id: 1, at: "2026-01-01T10:00:00.000Z", level: "error", message: "Uncaught TypeError", requestId: "req-1", version: 3, status: 500, details: { stack: "at x" } };
    const html = renderToStaticMarkup(<LogRow line={line} />);
    expect(html).toContain("Uncaught TypeError");
    expect(html).toContain("req-1");
    expect(html).toContain('aria-expanded="false"');
    expect(renderToStaticMarkup(<LogRow line={{ ...line, details: null, message: "short" }} />)).not.toContain("aria-expanded");
  });
});
