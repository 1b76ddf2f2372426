import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { schema, type Tx } from "@/lib/db";
import { ROLLUP_COUNTERS, type Rollup } from "@/runtime/src/protocol";

const t = schema.tenantRollups;
/** The counters every rollup table adds up (the runtime's meter adds the same ones). */
export const COUNTERS = ROLLUP_COUNTERS;
const CHUNK = 500;

type TenantRow = Omit<Rollup, "functionId" | "version" | "minute"> & { minute: Date };

/** Two histograms added bucket by bucket. */
export const addArrays = (a: number[], b: number[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));

/** `existing[i] + excluded[i]` for two JSON arrays of numbers, in plain SQL (PGlite and PostgreSQL). */
export function addJsonArrays(col: PgColumn): SQL {
  const excluded = sql.raw(`excluded."${col.name}"`);
  return sql`(select coalesce(jsonb_agg(coalesce(a.v::bigint, 0) + coalesce(b.v::bigint, 0) order by coalesce(a.i, b.i)), '[]'::jsonb)
    from jsonb_array_elements(${col}) with ordinality as a(v, i)
    full join jsonb_array_elements(${excluded}) with ordinality as b(v, i) on a.i = b.i)`;
}

/** Sums rollups per tenant and minute (any functions, any versions). */
export function sumByTenant(rollups: Rollup[]): TenantRow[] {
  const out = new Map<string, TenantRow>();
  for (const x of rollups) {
    const minute = new Date(x.minute);
    const key = `${x.tenantId}\u0000${minute.getTime()}`;
    const prev = out.get(key);
    if (!prev) {
      const { functionId: _f, version: _v, ...rest } = x;
      out.set(key, { ...rest, minute, latencyHist: [...x.latencyHist], cpuHist: [...x.cpuHist] });
      continue;
    }
    for (const k of COUNTERS) prev[k] += x[k];
    prev.latencyHist = addArrays(prev.latencyHist, x.latencyHist);
    prev.cpuHist = addArrays(prev.cpuHist, x.cpuHist);
  }
  return [...out.values()];
}

const updateSet = {
  ...Object.fromEntries(COUNTERS.map((k) => [k, sql`${t[k]} + ${sql.raw(`excluded."${t[k].name}"`)}`])),
  latencyHist: addJsonArrays(t.latencyHist),
  cpuHist: addJsonArrays(t.cpuHist),
};

const d = schema.functionDaily;
const DAILY = ["requests", "errors", "status5xx", "limitEvents", "cpuUs"] as const;
const dailySet = Object.fromEntries(DAILY.map((k) => [k, sql`${d[k]} + ${sql.raw(`excluded."${d[k].name}"`)}`]));

/** Sums rollups per function and UTC day. */
export function sumByFunctionDay(rollups: Rollup[]) {
  const out = new Map<string, typeof d.$inferInsert & Record<(typeof DAILY)[number], number>>();
  for (const x of rollups) {
    const day = new Date(x.minute).toISOString().slice(0, 10);
    const key = `${x.functionId}\u0000${day}`;
    const prev = out.get(key) ?? { tenantId: x.tenantId, functionId: x.functionId, day, requests: 0, errors: 0, status5xx: 0, limitEvents: 0, cpuUs: 0 };
    for (const k of DAILY) prev[k] += x[k];
    out.set(key, prev);
  }
  return [...out.values()];
}

/**
 * Adds a batch's rollups to the tenant totals and the per-function daily totals, in the caller's
 * transaction (the one that claimed the batch), so they move exactly with the function rows.
 */
export async function addTenantRollups(tx: Tx, rollups: Rollup[]): Promise<void> {
  const rows = sumByTenant(rollups);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(t).values(rows.slice(i, i + CHUNK)).onConflictDoUpdate({ target: [t.tenantId, t.minute], set: updateSet });
  }
  const daily = sumByFunctionDay(rollups);
  for (let i = 0; i < daily.length; i += CHUNK) {
    await tx.insert(d).values(daily.slice(i, i + CHUNK)).onConflictDoUpdate({ target: [d.functionId, d.day], set: dailySet });
  }
}
