import { sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { LogBatch } from "@/runtime/src/protocol";
import { claimBatch } from "./claim-batch";
import { parseMessage } from "./parse-message";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";

const CHUNK = 500;
/** Advisory lock key that serialises log inserts (any constant unique to this use). */
const LOG_ID_ORDER_LOCK = 70_707;

/**
 * Stores a node's log lines, exactly once per batch id (see claimBatch). Not audited: log lines
 * are the tenant's own output, not changes to the platform.
 */
export async function ingestLogs({ ctx, input }: { ctx: RuntimeCtx; input: unknown }): Promise<{ ok: true; duplicate: boolean }> {
  requireRuntime(ctx);
  const batch = parseMessage(LogBatch, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await claimBatch(tx, { id: batch.batchId, nodeId: batch.nodeId, kind: "logs", items: batch.logs.length }))) {
      return { ok: true, duplicate: true };
    }
    const rows = batch.logs.map((l) => ({ ...l, at: new Date(l.at) }));
    // Log ids must become visible in id order: the live tail sends "ids above the last one sent".
    // Concurrent batches (several nodes, PostgreSQL) would otherwise commit a lower id after a
    // higher one was already streamed, and the tail would skip it. One lock per transaction.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOG_ID_ORDER_LOCK})`);
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(schema.functionLogs).values(rows.slice(i, i + CHUNK));
    return { ok: true, duplicate: false };
  });
}
