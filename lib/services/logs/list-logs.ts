import { and, desc } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { filterWhere, logColumns, LogFilter, olderThan, StatusFilter } from "./filters";

const l = schema.functionLogs;
const date = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date({ message: "must be an ISO date-time" }).optional());

const ListLogsInput = LogFilter.extend({
  status: StatusFilter,
  from: date,
  to: date,
  limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(100),
  before: z.coerce.number({ message: "must be a log id" }).int().positive().optional(),
});

/** One function's log lines, newest first, one page at a time (`nextBefore` fetches the next, older page). */
export async function listLogs({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "viewer");
  const f = parseInput(ListLogsInput, input);
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const rows = await db
    .select(logColumns)
    .from(l)
    .where(and(filterWhere(ctx.tenant.id, row.id, f), f.before ? olderThan(f.before) : undefined))
    .orderBy(desc(l.at), desc(l.id))
    .limit(f.limit + 1);
  const logs = rows.slice(0, f.limit);
  return { logs, nextBefore: rows.length > f.limit ? logs[logs.length - 1]!.id : null };
}
