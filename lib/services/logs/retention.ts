import { sql, type SQL } from "drizzle-orm";

/** Days a tenant's log lines are kept when neither its plan nor an override says otherwise. */
export const DEFAULT_LOG_RETENTION_DAYS = 7;

/**
 * The retention, in days, of the tenant in the row aliased `o` (organization) joined with its plan
 * `p`: the tenant's override, else its plan's limit, else the default. One SQL expression, so the
 * purge deletes every tenant's expired lines in one statement.
 */
export function retentionDaysSql(): SQL {
  return sql.raw(`coalesce((o.limit_overrides->>'logRetentionDays')::int, p.log_retention_days, ${DEFAULT_LOG_RETENTION_DAYS})`);
}
