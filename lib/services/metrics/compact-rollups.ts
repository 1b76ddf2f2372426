import { sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, schema, type Tx } from "@/lib/db";
import { addJsonArrays, COUNTERS } from "./tenant-rollups";

/**
 * Minute rows older than this become one row per hour. The 24 h chart draws 15-minute points, so
 * it needs minutes for a full day; 7 d and 30 d charts draw hours or more and read the hour rows.
 */
export const COMPACT_AFTER_MS = 25 * 60 * 60 * 1000;
/** Hours compacted per run: bounds one run after a long pause; the next run continues. */
const HOURS_PER_RUN = 200;

const r = schema.invocationRollups;
const t = schema.tenantRollups;

type Row = Record<(typeof COUNTERS)[number], number> & { latencyHist: number[]; cpuHist: number[] };
type Sums = Map<string, Row & Record<string, unknown>>;

const addArrays = (a: number[], b: number[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
const addSet = (table: Record<(typeof COUNTERS)[number] | "latencyHist" | "cpuHist", PgColumn>) => ({
  ...Object.fromEntries(COUNTERS.map((k) => [k, sql`${table[k]} + ${sql.raw(`excluded."${table[k].name}"`)}`])),
  latencyHist: addJsonArrays(table.latencyHist),
  cpuHist: addJsonArrays(table.cpuHist),
});

/** Raw SQL rows use column names; map one back to the counters and histograms. */
function fromSql(row: Record<string, unknown>): Row {
  const out = {} as Row;
  for (const k of COUNTERS) out[k] = Number(row[(r[k] as PgColumn).name]);
  const hist = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as number[]) : (v as number[]));
  out.latencyHist = hist(row.latency_hist);
  out.cpuHist = hist(row.cpu_hist);
  return out;
}

function fold(sums: Sums, key: string, extra: Record<string, unknown>, row: Row): void {
  const prev = sums.get(key);
  if (!prev) return void sums.set(key, { ...extra, ...row });
  for (const k of COUNTERS) prev[k] += row[k];
  prev.latencyHist = addArrays(prev.latencyHist, row.latencyHist);
  prev.cpuHist = addArrays(prev.cpuHist, row.cpuHist);
}

/**
 * Folds one hour's minute rows into the row at the hour's start. The rows deleted are exactly the
 * rows added (DELETE … RETURNING), so a late minute that arrives meanwhile is kept for the next run.
 */
async function compactHour(tx: Tx, hour: Date): Promise<number> {
  const from = hour.toISOString();
  const to = new Date(hour.getTime() + 3_600_000).toISOString();
  const fnRows = (await tx.execute(sql`delete from invocation_rollup where minute > ${from}::timestamptz and minute < ${to}::timestamptz returning *`)) as unknown as { rows: Record<string, unknown>[] };
  const fnSums: Sums = new Map();
  for (const row of fnRows.rows) fold(fnSums, `${row.function_id}\u0000${row.version}`, { tenantId: row.tenant_id, functionId: row.function_id, version: Number(row.version), minute: hour }, fromSql(row));
  if (fnSums.size) await tx.insert(r).values([...fnSums.values()] as (typeof r.$inferInsert)[]).onConflictDoUpdate({ target: [r.functionId, r.version, r.minute], set: addSet(r) });
  const tRows = (await tx.execute(sql`delete from tenant_rollup where minute > ${from}::timestamptz and minute < ${to}::timestamptz returning *`)) as unknown as { rows: Record<string, unknown>[] };
  const tSums: Sums = new Map();
  for (const row of tRows.rows) fold(tSums, String(row.tenant_id), { tenantId: row.tenant_id, minute: hour }, fromSql(row));
  if (tSums.size) await tx.insert(t).values([...tSums.values()] as (typeof t.$inferInsert)[]).onConflictDoUpdate({ target: [t.tenantId, t.minute], set: addSet(t) });
  return fnRows.rows.length + tRows.rows.length;
}

/**
 * Tenant rows older than this become quarter-hour rows: the 24 h chart's step, and the 1 h chart
 * (minutes) never reaches that far back. A tenant's 30-day chart then reads ~100 rows for its last
 * day instead of ~1,500.
 */
export const TENANT_QUARTER_AFTER_MS = 65 * 60 * 1000;
const QUARTER_SEC = 900;

async function compactTenantQuarter(tx: Tx, start: Date): Promise<number> {
  const from = start.toISOString();
  const to = new Date(start.getTime() + QUARTER_SEC * 1000).toISOString();
  const tRows = (await tx.execute(sql`delete from tenant_rollup where minute > ${from}::timestamptz and minute < ${to}::timestamptz returning *`)) as unknown as { rows: Record<string, unknown>[] };
  const tSums: Sums = new Map();
  for (const row of tRows.rows) fold(tSums, String(row.tenant_id), { tenantId: row.tenant_id, minute: start }, fromSql(row));
  if (tSums.size) await tx.insert(t).values([...tSums.values()] as (typeof t.$inferInsert)[]).onConflictDoUpdate({ target: [t.tenantId, t.minute], set: addSet(t) });
  return tRows.rows.length;
}

/**
 * Compacts every hour that ended more than COMPACT_AFTER_MS ago and still has minute rows, then
 * the tenant rows' quarter hours older than TENANT_QUARTER_AFTER_MS.
 */
export async function compactRollups(now = new Date()): Promise<{ hours: number; quarters: number; rows: number }> {
  const db = await getDb();
  const cutoff = new Date(Math.floor((now.getTime() - COMPACT_AFTER_MS) / 3_600_000) * 3_600_000).toISOString();
  const hourOf = (table: string) => sql.raw(`to_timestamp(floor(extract(epoch from minute) / 3600) * 3600)`).append(sql.raw(` as h from ${table}`));
  const { rows } = (await db.execute(sql`
    select distinct h from (
      select ${hourOf("invocation_rollup")} where minute < ${cutoff}::timestamptz and extract(epoch from minute)::bigint % 3600 <> 0
      union all
      select ${hourOf("tenant_rollup")} where minute < ${cutoff}::timestamptz and extract(epoch from minute)::bigint % 3600 <> 0
    ) x order by h limit ${HOURS_PER_RUN}`)) as unknown as { rows: { h: string | Date }[] };
  let moved = 0;
  for (const { h } of rows) moved += await db.transaction((tx) => compactHour(tx, new Date(h)));
  const quarterCutoff = new Date(Math.floor((now.getTime() - TENANT_QUARTER_AFTER_MS) / (QUARTER_SEC * 1000)) * QUARTER_SEC * 1000).toISOString();
  const { rows: quarters } = (await db.execute(sql`
    select distinct to_timestamp(floor(extract(epoch from minute) / ${QUARTER_SEC}) * ${QUARTER_SEC}) as q from tenant_rollup
      where minute < ${quarterCutoff}::timestamptz and extract(epoch from minute)::bigint % ${QUARTER_SEC} <> 0
      order by q limit ${HOURS_PER_RUN * 4}`)) as unknown as { rows: { q: string | Date }[] };
  for (const { q } of quarters) moved += await db.transaction((tx) => compactTenantQuarter(tx, new Date(q)));
  return { hours: rows.length, quarters: quarters.length, rows: moved };
}
