import { and, eq, gte, ilike, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { LogLevel } from "@/runtime/src/protocol";

const l = schema.functionLogs;

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Filters shared by the log list and the live tail. */
export const LogFilter = z.object({
  q: optional(z.string().max(500, "must be at most 500 characters")),
  level: optional(z.enum(LogLevel.options, { message: `must be one of ${LogLevel.options.join(", ")}` })),
});

/** A status code (500) or a class (5xx). */
export const StatusFilter = optional(
  z.string().regex(/^[1-5](\d\d|xx)$/i, "must be a status code like 404 or a class like 5xx").transform((s) => s.toLowerCase()),
);

export type LogFilter = z.infer<typeof LogFilter>;

/** `%` and `_` in the search text are literal characters, not patterns. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function filterWhere(tenantId: string, functionId: string, f: LogFilter & { status?: string; from?: Date; to?: Date }): SQL {
  let status: SQL | undefined;
  if (f.status?.endsWith("xx")) {
    const base = Number(f.status[0]) * 100;
    status = and(gte(l.status, base), lte(l.status, base + 99));
  } else if (f.status) status = eq(l.status, Number(f.status));
  return and(
    eq(l.tenantId, tenantId),
    eq(l.functionId, functionId),
    f.level ? eq(l.level, f.level) : undefined,
    f.q ? ilike(l.message, `%${likeEscape(f.q)}%`) : undefined,
    status,
    f.from ? gte(l.at, f.from) : undefined,
    f.to ? lte(l.at, f.to) : undefined,
  )!;
}

export const logColumns = {
  id: l.id,
  at: l.at,
  level: l.level,
  message: l.message,
  requestId: l.requestId,
  version: l.version,
  status: l.status,
  details: l.details,
};

export type LogView = { id: number; at: Date; level: string; message: string; requestId: string; version: number; status: number | null; details: Record<string, unknown> | null };

/** Rows strictly older than log `before` in (at, id) order, the order the list shows. */
export const olderThan = (before: number) =>
  sql`(${l.at}, ${l.id}) < (select b.at, b.id from ${l} as b where b.id = ${before})`;
