import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, schema } from "@/lib/db";
import { quantile } from "./percentile";
import type { Window } from "./range";

const r = schema.invocationRollups;
const tr = schema.tenantRollups;

export type Scope = { tenantId: string; functionId?: string; version?: number };

export type SeriesPoint = {
  t: string;
  requests: number;
  errors: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  /** Latency and CPU percentiles in milliseconds; null where the bucket has no invocations. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  cpuP50: number | null;
  cpuP99: number | null;
};

export type Totals = { requests: number; errors: number; cpuMs: number };

/**
 * Where a scope's rows live: a whole tenant reads tenant_rollup (one row per minute or hour, however
 * many functions), a function or version reads invocation_rollup.
 */
function source(scope: Scope) {
  return scope.functionId === undefined && scope.version === undefined ? { table: tr, name: "tenant_rollup" } : { table: r, name: "invocation_rollup" };
}

/** Every query is bounded by the caller's tenant first; function and version only narrow it. */
function scopeWhere(scope: Scope, w: Window): SQL {
  if (source(scope).table === tr) return and(eq(tr.tenantId, scope.tenantId), gte(tr.minute, w.start), lt(tr.minute, w.end))!;
  return functionRowsWhere(scope, w);
}

function functionRowsWhere(scope: Scope, w: Window): SQL {
  return and(
    eq(r.tenantId, scope.tenantId),
    gte(r.minute, w.start),
    lt(r.minute, w.end),
    scope.functionId ? eq(r.functionId, scope.functionId) : undefined,
    scope.version !== undefined ? eq(r.version, scope.version) : undefined,
  )!;
}

/** Seconds since the epoch of the bucket a minute falls in. The step comes from RANGES, never from input. */
const bucketOf = (stepSec: number, table = "invocation_rollup") => sql.raw(`(floor(extract(epoch from "${table}"."minute") / ${stepSec})::bigint * ${stepSec})`);

type HistRow = { b: string | number; kind: string; i: number; n: string | number };

/** Histograms summed bucket by bucket in SQL; only the quantile walk over ~37 numbers happens here. */
async function summedHistograms(scope: Scope, where: SQL, stepSec: number): Promise<Map<string, number[]>> {
  const db = await getDb();
  const { table: t, name } = source(scope);
  const b = bucketOf(stepSec, name);
  const q = sql`
    select ${b} as b, 'lat' as kind, (h.i - 1)::int as i, sum(h.v::bigint) as n
      from ${t} cross join lateral jsonb_array_elements(${t.latencyHist}) with ordinality as h(v, i)
      where ${where} group by 1, 3
    union all
    select ${b} as b, 'cpu' as kind, (h.i - 1)::int as i, sum(h.v::bigint) as n
      from ${t} cross join lateral jsonb_array_elements(${t.cpuHist}) with ordinality as h(v, i)
      where ${where} group by 1, 3`;
  // node-postgres and PGlite both answer with { rows }.
  const { rows } = (await db.execute(q)) as unknown as { rows: HistRow[] };
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${Number(row.b)}:${row.kind}`;
    const arr = out.get(key) ?? [];
    arr[row.i] = Number(row.n);
    out.set(key, arr);
  }
  return out;
}

/** Per-bucket counters and percentiles over the window, with every bucket present (zeros and nulls when idle). */
export async function querySeries(scope: Scope, w: Window): Promise<SeriesPoint[]> {
  const db = await getDb();
  const where = scopeWhere(scope, w);
  const { table: t, name } = source(scope);
  const b = bucketOf(w.stepSec, name);
  const num = (col: AnyPgColumn) => sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);
  const counters = await db
    .select({
      b: sql<number>`${b}`.mapWith(Number),
      requests: num(t.requests),
      errors: num(t.errors),
      status2xx: num(t.status2xx),
      status3xx: num(t.status3xx),
      status4xx: num(t.status4xx),
      status5xx: num(t.status5xx),
    })
    .from(t)
    .where(where)
    .groupBy(sql`1`);
  const hists = await summedHistograms(scope, where, w.stepSec);
  const byBucket = new Map(counters.map((c) => [c.b, c]));
  return w.bucketStarts.map((ms) => {
    const sec = ms / 1000;
    const c = byBucket.get(sec);
    const lat = hists.get(`${sec}:lat`) ?? [];
    const cpu = hists.get(`${sec}:cpu`) ?? [];
    return {
      t: new Date(ms).toISOString(),
      requests: c?.requests ?? 0,
      errors: c?.errors ?? 0,
      status2xx: c?.status2xx ?? 0,
      status3xx: c?.status3xx ?? 0,
      status4xx: c?.status4xx ?? 0,
      status5xx: c?.status5xx ?? 0,
      p50: quantile(lat, 0.5),
      p95: quantile(lat, 0.95),
      p99: quantile(lat, 0.99),
      cpuP50: quantile(cpu, 0.5),
      cpuP99: quantile(cpu, 0.99),
    };
  });
}

export async function queryTotals(scope: Scope, w: Window): Promise<Totals> {
  const db = await getDb();
  const { table: t } = source(scope);
  const [row] = await db
    .select({
      requests: sql<number>`coalesce(sum(${t.requests}), 0)`.mapWith(Number),
      errors: sql<number>`coalesce(sum(${t.errors}), 0)`.mapWith(Number),
      cpuUs: sql<number>`coalesce(sum(${t.cpuUs}), 0)`.mapWith(Number),
    })
    .from(t)
    .where(scopeWhere(scope, w));
  return { requests: row?.requests ?? 0, errors: row?.errors ?? 0, cpuMs: (row?.cpuUs ?? 0) / 1000 };
}

export type FunctionBreakdown = { functionId: string; name: string; requests: number; errors: number; cpuMs: number };

/** The tenant's busiest functions in the window. Rollups of deleted functions have no name and are left out. */
export async function queryTopFunctions(scope: Scope, w: Window, limit = 10): Promise<FunctionBreakdown[]> {
  const db = await getDb();
  const f = schema.functions;
  const requests = sql<number>`sum(${r.requests})`.mapWith(Number);
  const rows = await db
    .select({
      functionId: r.functionId,
      name: f.name,
      requests,
      errors: sql<number>`sum(${r.errors})`.mapWith(Number),
      cpuUs: sql<number>`sum(${r.cpuUs})`.mapWith(Number),
    })
    .from(r)
    .innerJoin(f, and(eq(f.id, r.functionId), eq(f.tenantId, r.tenantId)))
    .where(functionRowsWhere(scope, w))
    .groupBy(r.functionId, f.name)
    .orderBy(desc(requests), f.name)
    .limit(limit);
  return rows.map(({ cpuUs, ...x }) => ({ ...x, cpuMs: cpuUs / 1000 }));
}
