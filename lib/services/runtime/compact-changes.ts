import { and, eq, lt, lte, ne, sql } from "drizzle-orm";
import { schema } from "@/lib/db";
import { withTransaction } from "@/lib/services/context";

/**
 * The kind of the one row left where the feed was cut: a runtime whose next change was deleted
 * meets it first and is told to reload the snapshot (get-changes.ts). Never sent to a runtime.
 */
export const COMPACTED = "feed.compacted";

const c = schema.configChanges;

/**
 * Deletes old config_change rows: every `function.deployed` carries the compiled code and source
 * map, so the feed would otherwise grow with every deploy forever. A row goes once it is both
 * older than `keepDays` and not among the newest `keepRows`; the newest row that goes stays as a
 * COMPACTED marker. A runtime that was offline past it reloads the snapshot instead of reading the
 * changes one by one (which it would have had to do, much slower, anyway).
 */
export async function compactChanges({ keepRows = 10_000, keepDays = 7, now = new Date() }: { keepRows?: number; keepDays?: number; now?: Date } = {}): Promise<{ changes: number }> {
  return withTransaction(async (tx) => {
    const [latest] = await tx.select({ max: sql<string | number | null>`max(${c.revision})` }).from(c);
    const below = Number(latest?.max ?? 0) - keepRows;
    if (below <= 0) return { changes: 0 };
    const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
    const [last] = await tx
      .select({ revision: sql<string | number | null>`max(${c.revision})` })
      .from(c)
      .where(and(lte(c.revision, below), lt(c.createdAt, cutoff)));
    const marker = last?.revision == null ? null : Number(last.revision);
    if (marker === null) return { changes: 0 };
    const gone = await tx.delete(c).where(lt(c.revision, marker)).returning({ revision: c.revision });
    // Already the marker when nothing new has grown old since the last pass.
    const marked = await tx.update(c).set({ kind: COMPACTED, tenantId: null, payload: {} }).where(and(eq(c.revision, marker), ne(c.kind, COMPACTED))).returning({ revision: c.revision });
    return { changes: gone.length + marked.length };
  });
}
