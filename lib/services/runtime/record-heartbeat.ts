import { sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { Heartbeat } from "@/runtime/src/protocol";
import { parseMessage } from "./parse-message";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";
import { signal } from "./signals";
import { reportApplied } from "./wait-for-nodes";

const n = schema.runtimeNodes;

/**
 * Registers a runtime node or refreshes it with the revision it has applied. Not audited:
 * heartbeats arrive every few seconds and say nothing about who changed what. Times come from
 * the database clock so that "seen in the last 15 s" never depends on two clocks agreeing.
 */
export async function recordHeartbeat({ ctx, input }: { ctx: RuntimeCtx; input: unknown }): Promise<{ ok: true }> {
  requireRuntime(ctx);
  const hb = parseMessage(Heartbeat, input);
  // Deploys waiting in this process hear it now; the row below is for everyone else. PGlite runs
  // queries on this thread, so the write waits a turn: the woken deploys answer first.
  if (reportApplied(hb.nodeId, hb.appliedRevision)) await new Promise((r) => setImmediate(r));
  const db = await getDb();
  const values = {
    hostname: hb.hostname,
    version: hb.version,
    workers: hb.workers,
    appliedRevision: hb.appliedRevision,
    startedAt: new Date(hb.startedAt),
    lastHeartbeatAt: sql`now()`,
  };
  await db
    .insert(n)
    .values({ id: hb.nodeId, ...values })
    .onConflictDoUpdate({ target: n.id, set: values });
  // Wakes deploys in this process that wait for nodes to apply their revision.
  signal("heartbeat");
  return { ok: true };
}
