import { beforeAll, describe, expect, it } from "vitest";
import { api, world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { hist } from "@/lib/services/runtime/test-support";
import { BUCKET_BOUNDS_MS, BUCKET_COUNT } from "@/runtime/src/protocol";
import { POST as CREATE } from "../../route";
import { GET as TENANT_METRICS } from "../../../metrics/route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
let fnId: string;
let otherFnId: string;
// All of one function's traffic sits in one minute, so no range splits it across two points.
const minute = minuteAgo(3);

/** 100 requests: latencies 90 in bucket 4, 6 in bucket 10, 4 in bucket 20 → p50 = b4, p95 = b10, p99 = b20. */
function latency(): number[] {
  const h = hist(BUCKET_COUNT, 4, 90);
  h[10] = 6;
  h[20] = 4;
  return h;
}

beforeAll(async () => {
  w = await world();
  fnId = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "busy" } })).json.id as string;
  otherFnId = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "quiet" } })).json.id as string;
  const t = w.tenant.id;
  // Version 1 in two flushes whose histograms must be summed, not averaged; version 2 separately.
  const half = latency().map((n) => n / 2);
  await pushRollups([rollup({ tenantId: t, functionId: fnId, minute, requests: 50, status2xx: 45, status5xx: 5, errors: 5, cpuUs: 100_000, latencyHist: half, cpuHist: hist(BUCKET_COUNT, 2, 50) })]);
  await pushRollups([rollup({ tenantId: t, functionId: fnId, minute, requests: 50, status2xx: 48, status4xx: 2, errors: 0, cpuUs: 50_000, latencyHist: half, cpuHist: hist(BUCKET_COUNT, 8, 50) })]);
  await pushRollups([rollup({ tenantId: t, functionId: fnId, version: 2, minute, requests: 10, status2xx: 10, cpuUs: 1_000, latencyHist: hist(BUCKET_COUNT, 30, 10), cpuHist: hist(BUCKET_COUNT, 1, 10) })]);
  await pushRollups([rollup({ tenantId: t, functionId: otherFnId, minute, requests: 3, status2xx: 3, latencyHist: hist(BUCKET_COUNT, 1, 3), cpuHist: hist(BUCKET_COUNT, 1, 3) })]);
  // Another tenant's traffic must never show up in this tenant's numbers.
  await pushRollups([rollup({ tenantId: w.otherTenant.id, functionId: "foreign", minute, requests: 1000, status2xx: 1000, latencyHist: hist(BUCKET_COUNT, 1, 1000), cpuHist: hist(BUCKET_COUNT, 1, 1000) })]);
});

const at = (fn = "busy") => ({ tenant: w.tenant.slug, function: fn });
type Point = { t: string; requests: number; errors: number; p50: number | null; p95: number | null; p99: number | null; cpuP50: number | null; cpuP99: number | null };
const busiest = (series: Point[]) => series.find((p) => p.requests > 0)!;

describe("GET /api/v1/tenants/{tenant}/functions/{function}/metrics", () => {
  it("totals, and one point per step for each range, empty points zeroed", async () => {
    for (const [range, points] of [["1h", 60], ["24h", 96], ["7d", 168], ["30d", 120]] as const) {
      const r = await api(GET, w.viewer, at(), { query: `range=${range}` });
      expect(r.status).toBe(200);
      expect(r.json.totals).toEqual({ requests: 110, errors: 5, cpuMs: 151, logsDropped: 0 });
      const series = r.json.series as Point[];
      expect(series).toHaveLength(points);
      expect(series.filter((p) => p.requests > 0)).toHaveLength(1);
      const idle = series.find((p) => p.requests === 0)!;
      expect(idle).toMatchObject({ errors: 0, p50: null, p99: null, cpuP50: null });
      const step = new Date(series[1]!.t).getTime() - new Date(series[0]!.t).getTime();
      expect(step).toBe((r.json.stepSeconds as number) * 1000);
    }
  });

  it("computes percentiles from the summed histograms, and filters by version", async () => {
    const v1 = busiest((await api(GET, w.viewer, at(), { query: "range=1h&version=1" })).json.series as Point[]);
    expect(v1).toMatchObject({ requests: 100, errors: 5, p50: BUCKET_BOUNDS_MS[4], p95: BUCKET_BOUNDS_MS[10], p99: BUCKET_BOUNDS_MS[20] });
    // CPU: 50 in bucket 2, 50 in bucket 8 → the median is reached inside bucket 2.
    expect(v1).toMatchObject({ cpuP50: BUCKET_BOUNDS_MS[2], cpuP99: BUCKET_BOUNDS_MS[8] });
    const v2 = await api(GET, w.viewer, at(), { query: "range=1h&version=2" });
    expect(v2.json.totals).toEqual({ requests: 10, errors: 0, cpuMs: 1, logsDropped: 0 });
    expect(busiest(v2.json.series as Point[])).toMatchObject({ p50: BUCKET_BOUNDS_MS[30], p99: BUCKET_BOUNDS_MS[30] });
    // Both versions together: 110 requests, the slow version 2 only moves p99 (10 of 110 > 1 %).
    const all = busiest((await api(GET, w.viewer, at(), { query: "range=7d" })).json.series as Point[]);
    expect(all).toMatchObject({ requests: 110, p50: BUCKET_BOUNDS_MS[4], p99: BUCKET_BOUNDS_MS[30] });
  });

  it("rejects a bad range or version with 400 naming the field, and answers 404 for an unknown function", async () => {
    const bad = await api(GET, w.viewer, at(), { query: "range=2h" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("range");
    const v = await api(GET, w.viewer, at(), { query: "version=abc" });
    expect(v.status).toBe(400);
    expect(v.json.error?.issues?.[0]?.path).toBe("version");
    expect((await api(GET, w.viewer, at("nope"))).status).toBe(404);
  });

  it("answers 404 to a member of another tenant, by token and by session", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, at())).status).toBe(404);
      expect((await api(TENANT_METRICS, who, { tenant: w.tenant.slug })).status).toBe(404);
    }
  });
});

describe("GET /api/v1/tenants/{tenant}/metrics", () => {
  it("sums the tenant's functions only and ranks them by requests", async () => {
    const r = await api(TENANT_METRICS, w.viewer, { tenant: w.tenant.slug }, { query: "range=24h" });
    expect(r.status).toBe(200);
    expect(r.json.totals).toEqual({ requests: 113, errors: 5, cpuMs: 151, logsDropped: 0 });
    expect(r.json.series).toHaveLength(96);
    expect(r.json.functions).toEqual([
      { functionId: fnId, name: "busy", requests: 110, errors: 5, cpuMs: 151 },
      { functionId: otherFnId, name: "quiet", requests: 3, errors: 0, cpuMs: 0 },
    ]);
    const bad = await api(TENANT_METRICS, w.viewer, { tenant: w.tenant.slug }, { query: "range=1y" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("range");
  });
});
