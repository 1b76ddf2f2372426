import { and, eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import type { RolloutRow } from "./compare";

export async function findRollout(q: Db | Tx, tenantId: string, functionId: string): Promise<RolloutRow | null> {
  const [row] = await q
    .select()
    .from(schema.rollouts)
    .where(and(eq(schema.rollouts.tenantId, tenantId), eq(schema.rollouts.functionId, functionId)));
  return row ?? null;
}

export function rolloutView(r: RolloutRow) {
  return {
    version: r.version,
    baseVersion: r.baseVersion,
    percent: r.percent,
    stickyBy: r.stickyName ? `${r.stickyKind}:${r.stickyName}` : null,
    abortOnErrorRate: r.abortOnErrorRate,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
  };
}
