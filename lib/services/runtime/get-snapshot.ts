import { asc, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { allRolloutStates, domainAndRouteStates } from "@/lib/services/domains/runtime-state";
import { liveFunctionStates } from "@/lib/services/functions/function-state";
import { PROTOCOL_VERSION, type Snapshot } from "@/runtime/src/protocol";
import { tenantState } from "./append-change";
import { requireRuntime, type RuntimeCtx } from "./runtime-auth";

/**
 * The whole configuration a runtime needs, with the revision it corresponds to. Read in one
 * repeatable-read transaction so that state and revision describe the same moment: a runtime that
 * loads it and then asks for changes after `revision` misses nothing and sees nothing twice.
 */
export async function getSnapshot({ ctx }: { ctx: RuntimeCtx }): Promise<Snapshot> {
  requireRuntime(ctx);
  const db = await getDb();
  return db.transaction(
    async (tx) => {
      const [latest] = await tx.select({ max: sql<string | number | null>`max(${schema.configChanges.revision})` }).from(schema.configChanges);
      const tenants = await tx.select().from(schema.tenants).orderBy(asc(schema.tenants.id));
      const functions = await liveFunctionStates(tx);
      const plans = new Map((await tx.select().from(schema.plans)).map((p) => [p.id, p]));
      return { protocol: PROTOCOL_VERSION, revision: Number(latest?.max ?? 0), tenants: tenants.map((t) => tenantState(t, plans.get(t.plan))), functions, ...(await domainAndRouteStates(tx)), rollouts: await allRolloutStates(tx, functions) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
