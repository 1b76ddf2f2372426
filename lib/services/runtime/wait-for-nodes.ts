import { gt, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { waitForSignal } from "./signals";

/** A node that has not sent a heartbeat for this long is not waited for. */
const ALIVE_SECONDS = 15;
/** Re-check at least this often: heartbeats may land on another console replica. */
const POLL_MS = 200;

export type Rollout = { liveMs: number | null; nodes: { applied: number; total: number } };

async function count(revision: number) {
  const db = await getDb();
  const n = schema.runtimeNodes;
  const rows = await db
    .select({ applied: n.appliedRevision })
    .from(n)
    .where(gt(n.lastHeartbeatAt, sql`now() - make_interval(secs => ${ALIVE_SECONDS})`));
  return { applied: rows.filter((r) => Number(r.applied) >= revision).length, total: rows.length };
}

/**
 * Waits until every live runtime node reports `revision` applied, or `timeoutMs` passes.
 * `liveMs` is how long that took from the call (the commit), or null if some node had not
 * applied it by the deadline; the change is committed either way and nodes catch up later.
 */
export async function waitForNodes(revision: number, timeoutMs = 5_000): Promise<Rollout> {
  const start = Date.now();
  const deadline = start + timeoutMs;
  for (;;) {
    const woken = waitForSignal("heartbeat", Math.min(POLL_MS, deadline - Date.now()));
    const nodes = await count(revision);
    if (nodes.applied >= nodes.total) return { liveMs: Date.now() - start, nodes };
    if (Date.now() >= deadline) return { liveMs: null, nodes };
    await woken;
  }
}
