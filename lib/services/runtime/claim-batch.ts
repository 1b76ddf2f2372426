import { schema, type Tx } from "@/lib/db";

/**
 * Records a batch id inside the caller's transaction. False when it was already recorded, i.e.
 * the batch is a retry whose first delivery committed; the caller then stores nothing.
 */
export async function claimBatch(tx: Tx, batch: { id: string; nodeId: string; kind: "metrics" | "logs"; items: number }): Promise<boolean> {
  const inserted = await tx.insert(schema.metricBatches).values(batch).onConflictDoNothing().returning({ id: schema.metricBatches.id });
  return inserted.length > 0;
}
