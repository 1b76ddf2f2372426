import { getDb, schema } from "@/lib/db";
import { LogBatch } from "@/runtime/src/protocol";
import { claimBatch } from "./claim-batch";
import { parseMessage } from "./parse-message";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";

const CHUNK = 500;

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
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(schema.functionLogs).values(rows.slice(i, i + CHUNK));
    return { ok: true, duplicate: false };
  });
}
