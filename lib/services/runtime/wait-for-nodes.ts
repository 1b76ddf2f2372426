import { gt, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { waitForSignal } from "./signals";

/** A node that has not sent a heartbeat for this long is not waited for. */
const ALIVE_SECONDS = 15;
/** Re-check the database at least this often: heartbeats may land on another console replica. */
const POLL_MS = 200;

export type Rollout = { liveMs: number | null; nodes: { applied: number; total: number } };

type AppliedListener = (nodeId: string, revision: number) => void;
// On globalThis: `next dev` reloads modules, and two copies would miss each other's reports.
const g = globalThis as unknown as { __edgefnApplied?: Set<AppliedListener> };
const listeners: Set<AppliedListener> = (g.__edgefnApplied ??= new Set());

/**
 * Called by recordHeartbeat as soon as a node's report is parsed, before it is written: deploys
 * waiting in this process learn it without another query. The database stays the source of
 * truth for other replicas (they poll it). True when some deploy was listening.
 */
export function reportApplied(nodeId: string, revision: number): boolean {
  for (const l of listeners) l(nodeId, revision);
  return listeners.size > 0;
}

async function liveNodes(): Promise<Map<string, number>> {
  const db = await getDb();
  const n = schema.runtimeNodes;
  const rows = await db
    .select({ id: n.id, applied: n.appliedRevision })
    .from(n)
    .where(gt(n.lastHeartbeatAt, sql`now() - make_interval(secs => ${ALIVE_SECONDS})`));
  return new Map(rows.map((r) => [r.id, Number(r.applied)]));
}

export type RolloutWatch = {
  /** Waits until every node alive when the watch began has applied `revision`, or `timeoutMs`. */
  wait(revision: number, timeoutMs?: number): Promise<Rollout>;
  /** Stops listening (wait() does it too); safe to call twice. */
  close(): void;
};

/**
 * Starts watching the runtime nodes before a change commits, so that the wait after the commit
 * needs no query: it listens for heartbeats in this process and only falls back to the database
 * every POLL_MS. Starting it early (e.g. while the code compiles) takes its query off the path
 * between the commit and "live".
 */
export async function watchRollout(): Promise<RolloutWatch> {
  // Subscribe before reading, so a report that lands during the query is not lost.
  const early = new Map<string, number>();
  let wake: () => void = () => undefined;
  let nodes: Map<string, number> | null = null;
  const listener: AppliedListener = (id, rev) => {
    const target = nodes ?? early;
    if (nodes && !nodes.has(id)) return;
    target.set(id, Math.max(rev, target.get(id) ?? 0));
    wake();
  };
  listeners.add(listener);
  try {
    nodes = await liveNodes();
  } catch (e) {
    listeners.delete(listener);
    throw e;
  }
  for (const [id, rev] of early) if (nodes.has(id)) nodes.set(id, Math.max(rev, nodes.get(id)!));
  const close = () => void listeners.delete(listener);
  const tally = (revision: number) => {
    let applied = 0;
    for (const rev of nodes!.values()) if (rev >= revision) applied++;
    return { applied, total: nodes!.size };
  };

  async function wait(revision: number, timeoutMs = 5_000): Promise<Rollout> {
    const start = Date.now();
    const deadline = start + timeoutMs;
    try {
      for (;;) {
        let counts = tally(revision);
        if (counts.applied >= counts.total) return { liveMs: Date.now() - start, nodes: counts };
        if (Date.now() >= deadline) return { liveMs: null, nodes: counts };
        const woken = new Promise<"report">((resolve) => (wake = () => resolve("report")));
        // The heartbeat signal also fires for reports this listener did not see (tests, reloads).
        const polled = waitForSignal("heartbeat", Math.min(POLL_MS, deadline - Date.now())).then(() => "poll" as const);
        if ((await Promise.race([woken, polled])) === "report") continue;
        for (const [id, rev] of await liveNodes()) if (nodes!.has(id)) nodes!.set(id, Math.max(rev, nodes!.get(id)!));
        counts = tally(revision);
      }
    } finally {
      close();
    }
  }
  return { wait, close };
}

/**
 * Waits until every live runtime node reports `revision` applied, or `timeoutMs` passes.
 * `liveMs` is how long that took from the call (the commit), or null if some node had not
 * applied it by the deadline; the change is committed either way and nodes catch up later.
 * Prefer watchRollout() before the commit when the caller has other work to overlap.
 */
export async function waitForNodes(revision: number, timeoutMs = 5_000): Promise<Rollout> {
  return (await watchRollout()).wait(revision, timeoutMs);
}
