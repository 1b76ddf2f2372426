/**
 * The node's Prometheus text, added up from collected folds (rollups and limit counts): counters
 * per label set, and the latency histogram in the rollups' buckets, cumulative as Prometheus reads it.
 */
import { describe, expect, it } from "vitest";
import { BUCKET_BOUNDS_MS } from "../protocol/index.ts";
import { Meter } from "./meter.ts";
import { NodeMetrics } from "./prom.ts";
import type { InvocationRecord } from "./types.ts";

const rec = (over: Partial<InvocationRecord>): InvocationRecord => ({ tenantId: "t", functionId: "f", version: 1, at: Date.UTC(2026, 11, 7, 12), status: 200, wallUs: 1000, cpuUs: 500, bytesIn: 0, bytesOut: 5, error: false, limit: null, ...over });

/** The value of one sample line, or undefined. */
const sample = (text: string, line: string): number | undefined => {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe("NodeMetrics", () => {
  it("adds up collected folds: counters by label, limits by name, and a cumulative latency histogram", async () => {
    const metrics = new NodeMetrics();
    const first = new Meter();
    first.record(rec({ wallUs: 40 }));
    first.record(rec({ wallUs: 900, version: 2 }));
    first.record(rec({ status: 500, error: true, wallUs: 2000, cpuUs: 1500 }));
    metrics.add(first.drain());
    const second = new Meter();
    second.record(rec({ tenantId: "u", functionId: "g", status: 503, limit: "cpu", wallUs: 60_000, cpuUs: 50_000 }));
    second.record(rec({ status: 404, wallUs: 100 }));
    second.record(rec({ wallUs: 10 ** 9 }));
    metrics.add(second.drain());
    const text = await metrics.text();

    expect(sample(text, 'edge_invocations_total{tenant="t",function="f",status_class="2xx"}')).toBe(3);
    expect(sample(text, 'edge_invocations_total{tenant="t",function="f",status_class="4xx"}')).toBe(1);
    expect(sample(text, 'edge_invocations_total{tenant="t",function="f",status_class="5xx"}')).toBe(1);
    expect(sample(text, 'edge_invocations_total{tenant="u",function="g",status_class="5xx"}')).toBe(1);
    expect(sample(text, 'edge_uncaught_errors_total{tenant="t"}')).toBe(1);
    expect(sample(text, 'edge_limit_events_total{tenant="u",limit="cpu"}')).toBe(1);
    expect(sample(text, 'edge_cpu_seconds_total{tenant="t"}')).toBeCloseTo(0.0035, 9);
    expect(sample(text, 'edge_cpu_seconds_total{tenant="u"}')).toBeCloseTo(0.05, 9);

    // Buckets in seconds, each counting every value at or below its bound.
    expect(text).toContain("# TYPE edge_invocation_seconds histogram");
    const buckets = [...text.matchAll(/^edge_invocation_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(buckets).toHaveLength(BUCKET_BOUNDS_MS.length + 1);
    expect(buckets[0]).toEqual(["0.00005", 1]);
    const at = (le: string): number | undefined => buckets.find(([b]) => b === le)?.[1];
    expect(at("0.000113")).toBe(2); // 40 µs, 100 µs
    expect(at("0.00128")).toBe(3); // and 900 µs
    expect(at("0.00192")).toBe(3);
    expect(at("0.00288")).toBe(4); // and 2 ms
    expect(buckets.at(-2)![1]).toBe(5); // everything but the 1000 s one
    expect(buckets.at(-1)).toEqual(["+Inf", 6]);
    expect(sample(text, "edge_invocation_seconds_count")).toBe(6);
    expect(sample(text, "edge_invocation_seconds_sum")).toBeCloseTo((40 + 900 + 2000 + 60_000 + 100 + 10 ** 9) / 1e6, 9);
  });
});
