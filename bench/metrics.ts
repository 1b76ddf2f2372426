/**
 * `npm run bench:metrics`: a 30-day chart for a tenant with 1,000 functions on the embedded
 * database (PGlite in a fresh data directory), through the same service the REST route calls.
 * Seeded as the console holds it after a month: the last 25 h as minute rows (5% of function-
 * minutes active), older hours as compacted hour rows (50% of function-hours active), plus the
 * tenant-wide and per-function-day rows the ingest keeps, compacted by the console's job. Baselines in the same run: a `select 1` round trip and one function's 30-day
 * chart. BENCH_FUNCTIONS (1000), BENCH_ROUNDS (30). Run with tsx (path aliases of the console).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-bench-metrics-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { sql } = await import("drizzle-orm");
const { closeDb, getDb } = await import("@/lib/db");
const { getTenantMetrics } = await import("@/lib/services/metrics/get-tenant-metrics");
const { getFunctionMetrics } = await import("@/lib/services/metrics/get-function-metrics");
const { BUCKET_COUNT } = await import("@/runtime/src/protocol");
type TenantCtx = import("@/lib/services/context").TenantCtx;

const db = await getDb();
const now = new Date();
const t0 = performance.now();
await db.execute(sql`insert into organization (id, name, slug) values ('bench-t', 'bench', 'bench')`);
await db.execute(sql`insert into function (id, tenant_id, name) select 'f' || i, 'bench-t', 'fn-' || i from generate_series(1, ${FUNCTIONS}) i`);
// A few histogram shapes, picked per row: realistic spreads without 400k random arrays.
await db.execute(sql`create temporary table shapes as
  select k, to_jsonb(array(select case when b between 6 + k % 4 and 12 + k % 5 then 1 + ((k * 7 + b) % 9) else 0 end from generate_series(0, ${BUCKET_COUNT - 1}) b)) as h
  from generate_series(0, 15) k`);
const insertRows = (minutes: string, active: number) => sql`
  insert into invocation_rollup (tenant_id, function_id, version, minute, requests, status_2xx, status_5xx, errors, cpu_us, wall_us, latency_hist, cpu_hist)
  select 'bench-t', 'f' || f, 1, m, 40, 38, 2, 2, 40000, 200000, s.h, s.h
  from generate_series(1, ${FUNCTIONS}) f cross join (${sql.raw(minutes)}) ms(m)
  join shapes s on s.k = (f + extract(epoch from m)::bigint / 60) % 16
  where ((f * 2654435761 + extract(epoch from m)::bigint / 60) % 1000) < ${active * 1000}`;
const nowIso = now.toISOString();
const recentMinutes = `select generate_series(date_trunc('minute', '${nowIso}'::timestamptz) - interval '25 hours', date_trunc('minute', '${nowIso}'::timestamptz), interval '1 minute')`;
const olderHours = `select generate_series(date_trunc('hour', '${nowIso}'::timestamptz) - interval '${DAYS} days', date_trunc('hour', '${nowIso}'::timestamptz) - interval '26 hours', interval '1 hour')`;
await db.execute(insertRows(recentMinutes, 0.05));
await db.execute(insertRows(olderHours, 0.5));
await db.execute(sql`
  insert into tenant_rollup (tenant_id, minute, requests, status_2xx, status_5xx, errors, cpu_us, wall_us, latency_hist, cpu_hist)
  select 'bench-t', m, ${FUNCTIONS} * 20, ${FUNCTIONS} * 19, ${FUNCTIONS}, ${FUNCTIONS}, ${FUNCTIONS} * 20000, ${FUNCTIONS} * 100000, s.h, s.h
  from (${sql.raw(recentMinutes)} union all ${sql.raw(olderHours)}) ms(m) join shapes s on s.k = (extract(epoch from m)::bigint / 60) % 16`);
await db.execute(sql`
  insert into function_daily (tenant_id, function_id, day, requests, errors, status_5xx, cpu_us)
  select tenant_id, function_id, (minute at time zone 'UTC')::date, sum(requests), sum(errors), sum(status_5xx), sum(cpu_us)
  from invocation_rollup group by 1, 2, 3`);
// What the console's job has done by then (every 10 minutes): tenant rows past an hour in quarter hours.
const { compactRollups } = await import("@/lib/services/metrics/compact-rollups");
await compactRollups(now);
await db.execute(sql`analyze`);
const { rows } = (await db.execute(sql`select (select count(*) from invocation_rollup) as fn_rows, (select count(*) from tenant_rollup) as tenant_rows`)) as unknown as { rows: { fn_rows: number; tenant_rows: number }[] };
const seedMs = performance.now() - t0;

const ctx: TenantCtx = {
  actor: { userId: "bench", email: "bench@example.test", name: "bench", platformRole: "user", via: "token" },
  requestId: "bench",
  tenant: { id: "bench-t", slug: "bench", name: "bench", status: "active" },
  role: "viewer",
};

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: query plans, caches
  const xs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return xs.sort((a, b) => a - b);
}
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

if (process.env.BENCH_EXPLAIN) {
  const { querySeriesAndTotals: querySeries, queryTopFunctions } = await import("@/lib/services/metrics/query-rollups");
  const { windowFor } = await import("@/lib/services/metrics/range");
  const w = windowFor("30d", now);
  for (const [name, f] of [["series", () => querySeries({ tenantId: "bench-t" }, w)], ["top", () => queryTopFunctions({ tenantId: "bench-t" }, w)], ["fn series", () => querySeries({ tenantId: "bench-t", functionId: "f1" }, w)]] as const) {
    const s = performance.now();
    await f();
    console.log(name, (performance.now() - s).toFixed(1), "ms");
  }
  const plan = (await db.execute(sql`explain analyze select sum(requests) from invocation_rollup where tenant_id = 'bench-t' and function_id = 'f1' and minute >= ${w.start.toISOString()}::timestamptz and minute < ${w.end.toISOString()}::timestamptz`)) as unknown as { rows: Record<string, string>[] };
  console.log(plan.rows.map((r) => Object.values(r)[0]).join("\n"));
}

const results: [string, number[]][] = [
  ["baseline: select 1", await time(() => db.execute(sql`select 1`))],
  ["baseline: one function, 30 d", await time(() => getFunctionMetrics({ ctx, fn: "fn-1", input: { range: "30d" }, now }))],
  ["tenant of 1,000 functions, 30 d (totals, series, top functions)", await time(() => getTenantMetrics({ ctx, input: { range: "30d" }, now }))],
  ["tenant of 1,000 functions, 7 d", await time(() => getTenantMetrics({ ctx, input: { range: "7d" }, now }))],
  ["tenant of 1,000 functions, 24 h", await time(() => getTenantMetrics({ ctx, input: { range: "24h" }, now }))],
];

console.log(`\nMetrics queries on PGlite: ${FUNCTIONS} functions, ${rows[0]!.fn_rows} function rows + ${rows[0]!.tenant_rows} tenant rows (seeded in ${(seedMs / 1000).toFixed(1)} s), ${ROUNDS} rounds each\n`);
console.log("| query | p50 ms | p95 ms |\n|---|---:|---:|");
for (const [name, xs] of results) console.log(`| ${name} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.95).toFixed(1)} |`);
const chart = results[2]![1];
console.log(`\ntarget: 30-day tenant chart ≤ 100 ms → ${pct(chart, 0.95) <= 100 ? "met (p95)" : pct(chart, 0.5) <= 100 ? "met at p50, not at p95" : "NOT met"}`);
await closeDb();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
