import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { DEFAULT_LOG_RETENTION_DAYS, retentionDaysSql } from "./retention";

/** How long a metrics batch id is remembered: longer than any runtime outbox plausibly retries. */
const BATCH_ID_DAYS = 30;

type Count = { rows: unknown[]; affectedRows?: number; rowCount?: number | null };
const affected = (r: Count) => Number(r.affectedRows ?? r.rowCount ?? 0);

/**
 * Deletes log lines older than their tenant's retention (plan limit or override, default 7 days),
 * lines of tenants that no longer exist after the default, and batch ids past BATCH_ID_DAYS.
 * A platform job: no actor, no audit row (nothing a person changed).
 */
export async function purgeLogs(now = new Date()): Promise<{ logs: number; batchIds: number }> {
  const db = await getDb();
  const at = now.toISOString();
  const kept = (await db.execute(sql`
    delete from function_log l
      using organization o left join plan p on p.id = o.plan
      where l.tenant_id = o.id and l.at < ${at}::timestamptz - make_interval(days => ${retentionDaysSql()})`)) as unknown as Count;
  const orphaned = (await db.execute(sql`
    delete from function_log l
      where l.at < ${at}::timestamptz - make_interval(days => ${DEFAULT_LOG_RETENTION_DAYS})
        and not exists (select 1 from organization o where o.id = l.tenant_id)`)) as unknown as Count;
  const batches = (await db.execute(sql`
    delete from metric_batch where received_at < ${at}::timestamptz - make_interval(days => ${BATCH_ID_DAYS})`)) as unknown as Count;
  return { logs: affected(kept) + affected(orphaned), batchIds: affected(batches) };
}
