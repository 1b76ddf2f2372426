import { asc, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { parseInput } from "@/lib/services/context";
import { PROTOCOL_VERSION, type Change, type ChangesResponse } from "@/runtime/src/protocol";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";
import { COMPACTED } from "./compact-changes";
import { committedChange, ensureChangeListener, waitForSignal } from "./signals";

export const MAX_WAIT_MS = 25_000;
/** Re-read at least this often while waiting, in case a wake-up was lost. */
const POLL_MS = 1_000;
// Small pages: a function.deployed change carries the compiled code and source map.
const PAGE = 100;

const ChangesQuery = z.object({
  after: z.coerce.number().int().nonnegative(),
  /** How long to hold the request when nothing is new, in ms (tests and tools use less). */
  timeout: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(MAX_WAIT_MS),
});

const c = schema.configChanges;

async function readChanges(after: number): Promise<ChangesResponse> {
  const db = await getDb();
  // One statement, so the rows and the latest revision come from the same snapshot: the answer
  // never claims a revision it does not hold. A wake-up after a commit costs this one query.
  const rows = await db
    .select({ revision: c.revision, kind: c.kind, payload: c.payload, latest: sql<string | number>`(select max(${c.revision}) from ${c})` })
    .from(c)
    .where(gt(c.revision, after))
    .orderBy(asc(c.revision))
    .limit(PAGE);
  if (rows.length === 0) {
    const [latest] = await db.select({ max: sql<string | number | null>`max(${c.revision})` }).from(c);
    const revision = Number(latest?.max ?? 0);
    return { protocol: PROTOCOL_VERSION, revision, changes: [], reset: after > revision };
  }
  // The changes right after `after` were compacted away: the runtime must reload the snapshot.
  if (rows[0]!.kind === COMPACTED) return { protocol: PROTOCOL_VERSION, revision: Number(rows[0]!.latest), changes: [], reset: true };
  // A full page may not be everything: claim only up to its last row, the runtime asks again.
  const revision = rows.length === PAGE ? rows[rows.length - 1]!.revision : Number(rows[0]!.latest);
  // Payloads were typed by appendChange when written; the runtime validates them on receipt.
  const changes = rows.map((r) => ({ ...r.payload, kind: r.kind, revision: r.revision }) as Change);
  return { protocol: PROTOCOL_VERSION, revision, changes, reset: false };
}

/**
 * Changes after `after`, held open until one commits or `timeout` passes. `reset` tells a
 * runtime that it is ahead of this console's feed (a restored or different database) and must
 * load the snapshot again.
 */
export async function getChanges({ ctx, input, abort }: { ctx: RuntimeCtx; input: unknown; abort?: AbortSignal }): Promise<ChangesResponse> {
  requireRuntime(ctx);
  const q = parseInput(ChangesQuery, input);
  await ensureChangeListener();
  const deadline = Date.now() + q.timeout;
  for (;;) {
    // Subscribe before reading, so a commit between the read and the wait still wakes us.
    const stop = new AbortController();
    const woken = waitForSignal("change", Math.min(POLL_MS, deadline - Date.now()), abort ? AbortSignal.any([abort, stop.signal]) : stop.signal);
    // The very next revision, committed by this process: no gap can hide before it.
    const next = committedChange(q.after + 1);
    if (next) {
      stop.abort();
      return { protocol: PROTOCOL_VERSION, revision: next.revision, changes: [next], reset: false };
    }
    const r = await readChanges(q.after);
    if (r.reset || r.changes.length > 0 || Date.now() >= deadline || abort?.aborted) {
      stop.abort();
      return r;
    }
    await woken;
    // The runtime hung up: it wants nothing more, and the database may be closing (shutdown).
    if (abort?.aborted) return r;
  }
}
