import { sql } from "drizzle-orm";
import { schema, type Tx } from "@/lib/db";
import type { LimitOverrides, QuotaBlock } from "@/drizzle/schema";
import { effectiveLimits, runtimeLimits, type Plan } from "@/lib/services/plans/limits";
import type { Change, TenantState } from "@/runtime/src/protocol";

type NewChange = Change extends infer C ? (C extends { revision: number } ? Omit<C, "revision"> : never) : never;

export const CHANGES_CHANNEL = "edgefn_config_changes";

// Any fixed number; it only has to be the same for every writer of config_change.
const APPEND_LOCK_KEY = 726_354_001;

/**
 * Appends a change for the runtime inside the caller's transaction, so the change and what it
 * describes commit together. pg_notify is delivered on commit and wakes the long-polls (see
 * signals.ts). Hold the transaction briefly after calling this: it serialises other appenders.
 */
export async function appendChange(tx: Tx, change: NewChange, tenantId: string | null): Promise<number> {
  const { kind, ...payload } = change;
  // Serialise appenders until commit so that revisions become visible in increasing order. Without
  // it, revision 8 could commit before 7 and a runtime that had seen 8 would never ask for 7.
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(APPEND_LOCK_KEY))})`);
  const c = schema.configChanges;
  // The notification is queued by the same statement (delivered on commit).
  const [row] = await tx
    .insert(c)
    .values({ kind, tenantId, payload: payload as Record<string, unknown> })
    .returning({ revision: c.revision, notified: sql`pg_notify(${CHANGES_CHANNEL}, ${c.revision}::text)` });
  return row!.revision;
}

type TenantFields = { id: string; slug: string; status: "active" | "suspended"; limitOverrides?: LimitOverrides | null; quotaBlock?: QuotaBlock | null };

/**
 * What the runtime must know of a tenant: status, its plan's limits with its overrides, and the
 * quota it has used up, if any. `plan` null (unknown plan id) falls back to the default limits.
 */
export function tenantState(t: TenantFields, plan: Plan | null | undefined): TenantState {
  const limits = runtimeLimits(plan ? effectiveLimits(plan, t.limitOverrides) : null);
  return { tenantId: t.id, slug: t.slug, status: t.status, limits, quota: t.quotaBlock ?? null };
}
