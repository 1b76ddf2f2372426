import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { auth, hist } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { BUCKET_COUNT, PROTOCOL_VERSION, type Rollup } from "@/runtime/src/protocol";
import { querySeriesAndTotals } from "@/lib/services/metrics/query-rollups";
import { windowFor } from "@/lib/services/metrics/range";
import { POST } from "./route";

const minute = "2026-01-01T10:00:00.000Z";

function rollup(over: Partial<Rollup> = {}): Rollup {
  return {
    tenantId: "t1",
    functionId: "f1",
    version: 1,
    minute,
    requests: 3,
    status2xx: 2,
    status3xx: 0,
    status4xx: 0,
    status5xx: 1,
    errors: 1,
    limitEvents: 0,
    cpuUs: 1500,
    wallUs: 9000,
    bytesIn: 10,
    bytesOut: 200,
    logsDropped: 0,
    latencyHist: hist(BUCKET_COUNT, 4, 3),
    cpuHist: hist(BUCKET_COUNT, 1, 3),
    ...over,
  };
}

const batch = (rollups: Rollup[], batchId = crypto.randomUUID()) => ({ protocol: PROTOCOL_VERSION, batchId, nodeId: "node-a", rollups });

async function rows() {
  const db = await getDb();
  return db.select().from(schema.invocationRollups);
}

describe("POST /api/internal/runtime/metrics", () => {
  it("counts a batch retried twice exactly once", async () => {
    const b = batch([rollup()]);
    expect((await call(POST, { headers: auth(), body: b })).json).toEqual({ ok: true, duplicate: false });
    expect((await call(POST, { headers: auth(), body: b })).json).toEqual({ ok: true, duplicate: true });
    expect((await call(POST, { headers: auth(), body: b })).json).toEqual({ ok: true, duplicate: true });
    const [r] = await rows();
    expect(r).toMatchObject({ requests: 3, status5xx: 1, cpuUs: 1500 });
    expect(r!.latencyHist).toEqual(hist(BUCKET_COUNT, 4, 3));
  });

  it("adds counters and histograms element-wise across batches and within one", async () => {
    const more = rollup({ requests: 1, status2xx: 1, status5xx: 0, errors: 0, cpuUs: 5, latencyHist: hist(BUCKET_COUNT, 9, 1), cpuHist: hist(BUCKET_COUNT, 1, 1) });
    await call(POST, { headers: auth(), body: batch([more, more]) });
    const [r] = await rows();
    expect(r).toMatchObject({ requests: 5, status2xx: 4, status5xx: 1, errors: 1, cpuUs: 1510 });
    const expected = hist(BUCKET_COUNT, 4, 3);
    expected[9] = 2;
    expect(r!.latencyHist).toEqual(expected);
    expect(r!.cpuHist).toEqual(hist(BUCKET_COUNT, 1, 5));
    await call(POST, { headers: auth(), body: batch([rollup({ version: 2 })]) });
    expect(await rows()).toHaveLength(2);
  });

  it("rejects bad batches with 400 naming the field, and stores nothing", async () => {
    const before = await rows();
    const short = await call(POST, { headers: auth(), body: batch([rollup({ latencyHist: [1, 2] })]) });
    expect(short.status).toBe(400);
    expect(short.json.error?.issues?.[0]?.path).toBe("rollups.0.latencyHist");
    const v = await call(POST, { headers: auth(), body: { ...batch([rollup()]), protocol: 2 } });
    expect(v.status).toBe(400);
    expect(v.json.error?.issues?.[0]?.path).toBe("protocol");
    expect((await call(POST, { headers: auth(), rawBody: "[1," })).status).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it("refuses callers without the runtime token", async () => {
    const b = batch([rollup({ functionId: "f-unauth" })]);
    expect((await call(POST, { body: b })).status).toBe(401);
    expect((await call(POST, { headers: { authorization: "Bearer efn_wrong" }, body: b })).status).toBe(401);
    expect((await rows()).some((r) => r.functionId === "f-unauth")).toBe(false);
  });

  it("adds up the console lines a node dropped, into the function's and the tenant's totals; a node that predates the field sends none", async () => {
    const scope = { tenantId: "t-drop", functionId: "f-drop" };
    const w = windowFor("1h", new Date(Date.parse(minute) + 30 * 60_000));
    const { logsDropped: _, ...older } = rollup({ ...scope });
    expect((await call(POST, { headers: auth(), body: batch([older as Rollup]) })).json).toEqual({ ok: true, duplicate: false });
    expect((await querySeriesAndTotals(scope, w)).totals).toMatchObject({ requests: 3, logsDropped: 0 });
    await call(POST, { headers: auth(), body: batch([rollup({ ...scope, logsDropped: 1200 }), rollup({ ...scope, version: 2, logsDropped: 34 })]) });
    expect((await querySeriesAndTotals(scope, w)).totals).toMatchObject({ requests: 9, logsDropped: 1234 });
    expect((await querySeriesAndTotals({ tenantId: "t-drop" }, w)).totals).toMatchObject({ requests: 9, logsDropped: 1234 });
  });
});
