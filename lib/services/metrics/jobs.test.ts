import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import type { TenantCtx } from "@/lib/services/context";
import { api, world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushLogs, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { hist } from "@/lib/services/runtime/test-support";
import { BUCKET_COUNT } from "@/runtime/src/protocol";
import { POST as CREATE } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { getFunctionMetrics } from "./get-function-metrics";
import { getTenantMetrics } from "./get-tenant-metrics";
import { runObservabilityJobs } from "./jobs";

let w: Awaited<ReturnType<typeof world>>;
let fnA = "";
let fnB = "";
const now = new Date();
const ago = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

beforeAll(async () => {
  w = await world();
  fnA = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "a" } })).json.id as string;
  fnB = (await api(CREATE, w.outsider, { tenant: w.otherTenant.slug }, { body: { name: "b" } })).json.id as string;
});

const line = (tenantId: string, functionId: string, at: string, message: string) => ({ tenantId, functionId, version: 1, requestId: "r", at, level: "log" as const, message, status: 200, details: null });

describe("observability jobs", () => {
  it("purges log lines past the tenant's retention: plan limit, override, 7-day default", async () => {
    const db = await getDb();
    // The tenant is on the seeded Free plan (1 day); the other tenant has an override of 10 days.
    await db.update(schema.tenants).set({ limitOverrides: { logRetentionDays: 10 } }).where(eq(schema.tenants.id, w.otherTenant.id));
    await pushLogs([
      line(w.tenant.id, fnA, ago(2), "A recent"),
      line(w.tenant.id, fnA, ago(30), "A past plan retention"),
      line(w.otherTenant.id, fnB, ago(30), "B within override"),
      line(w.otherTenant.id, fnB, ago(24 * 11), "B past override"),
      line("gone-tenant", "gone-fn", ago(24 * 8), "deleted tenant, past default"),
      line("gone-tenant", "gone-fn", ago(24 * 6), "deleted tenant, within default"),
    ]);
    const result = await runObservabilityJobs(now);
    expect(result.logs).toBe(3);
    const left = (await db.select({ m: schema.functionLogs.message }).from(schema.functionLogs)).map((r) => r.m).sort();
    expect(left).toEqual(["A recent", "B within override", "deleted tenant, within default"]);
  });

  it("compacts minute rollups older than 25 h into hours without changing any chart", async () => {
    const old = (min: number) => minuteAgo(3 * 24 * 60 + min, now.getTime());
    const hourStart = new Date(Math.floor(new Date(old(0)).getTime() / 3_600_000) * 3_600_000);
    const inHour = [0, 7, 13, 59].map((m) => new Date(hourStart.getTime() + m * 60_000).toISOString());
    const rows = inHour.flatMap((minute, i) => [
      rollup({ tenantId: w.tenant.id, functionId: fnA, minute, version: 1, requests: 10 + i, status2xx: 10 + i, cpuUs: 1000, latencyHist: hist(BUCKET_COUNT, 3 + i, 10 + i), cpuHist: hist(BUCKET_COUNT, 1, 10 + i) }),
      rollup({ tenantId: w.tenant.id, functionId: fnA, minute, version: 2, requests: 5, status5xx: 5, errors: 5, latencyHist: hist(BUCKET_COUNT, 20, 5), cpuHist: hist(BUCKET_COUNT, 2, 5) }),
    ]);
    const recent = rollup({ tenantId: w.tenant.id, functionId: fnA, minute: minuteAgo(30, now.getTime()), requests: 3, status2xx: 3, latencyHist: hist(BUCKET_COUNT, 5, 3), cpuHist: hist(BUCKET_COUNT, 1, 3) });
    await pushRollups([...rows, recent]);
    const ctx: TenantCtx = {
      actor: { userId: "viewer", email: "viewer@example.test", name: "viewer", platformRole: "user", via: "token" },
      requestId: "t",
      tenant: { id: w.tenant.id, slug: w.tenant.slug, name: w.tenant.slug, status: "active" },
      role: "viewer",
    };
    const charts = async () =>
      Promise.all(
        (["7d", "30d"] as const).flatMap((range) => [
          getFunctionMetrics({ ctx, fn: "a", input: { range }, now }),
          getFunctionMetrics({ ctx, fn: "a", input: { range, version: "1" }, now }),
          getTenantMetrics({ ctx, input: { range }, now }),
        ]),
      );
    const before = await charts();

    const first = await runObservabilityJobs(now);
    expect(first.hours).toBe(1);
    const db = await getDb();
    const r = schema.invocationRollups;
    const left = await db.select({ version: r.version, minute: r.minute, requests: r.requests }).from(r).where(and(eq(r.functionId, fnA), sql`${r.minute} < ${ago(25)}::timestamptz`));
    expect(left.map((x) => [x.version, x.minute.getTime(), x.requests]).sort()).toEqual([
      [1, hourStart.getTime(), 10 + 11 + 12 + 13],
      [2, hourStart.getTime(), 20],
    ]);
    const tenantRows = await db.select().from(schema.tenantRollups).where(and(eq(schema.tenantRollups.tenantId, w.tenant.id), sql`minute < ${ago(25)}::timestamptz`));
    expect(tenantRows).toHaveLength(1);
    expect(tenantRows[0]!.requests).toBe(66);
    expect(await charts()).toEqual(before);

    // Idempotent, and the last day keeps its minutes.
    expect(await runObservabilityJobs(now)).toMatchObject({ hours: 0, quarters: 0, rows: 0 });
    const [recentRow] = await db.select().from(r).where(and(eq(r.functionId, fnA), eq(r.minute, new Date(recent.minute))));
    expect(recentRow?.requests).toBe(3);
  });
});
