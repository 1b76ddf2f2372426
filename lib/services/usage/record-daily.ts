import { sql } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import type { Rollup } from "@/runtime/src/protocol";

/**
 * Adds a metrics batch to the per-tenant daily totals. Called inside the ingest transaction that
 * claims the batch, so these totals move exactly with the rollups. Returns the tenants touched.
 */
export async function recordDailyUsage(tx: Tx, rollups: Rollup[]): Promise<string[]> {
  const byKey = new Map<string, { tenantId: string; day: string; requests: number; cpuUs: number }>();
  for (const r of rollups) {
    const day = new Date(r.minute).toISOString().slice(0, 10);
    const key = `${r.tenantId}\u0000${day}`;
    const cur = byKey.get(key) ?? { tenantId: r.tenantId, day, requests: 0, cpuUs: 0 };
    cur.requests += r.requests;
    cur.cpuUs += r.cpuUs;
    byKey.set(key, cur);
  }
  const rows = [...byKey.values()].filter((r) => r.requests > 0 || r.cpuUs > 0);
  if (rows.length === 0) return [];
  const u = schema.usageDaily;
  await tx
    .insert(u)
    .values(rows)
    .onConflictDoUpdate({ target: [u.tenantId, u.day], set: { requests: sql`${u.requests} + excluded.requests`, cpuUs: sql`${u.cpuUs} + excluded.cpu_us` } });
  return [...new Set(rows.map((r) => r.tenantId))];
}
