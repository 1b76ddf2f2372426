import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import { liveFunctionStates } from "@/lib/services/functions/function-state";
import type { DomainState, FunctionState, RolloutState, RouteState } from "@/runtime/src/protocol";

type DomainRow = typeof schema.domains.$inferSelect;
type RouteRow = typeof schema.routes.$inferSelect;
type RolloutRow = typeof schema.rollouts.$inferSelect;

export function domainState(d: DomainRow): DomainState {
  return { domainId: d.id, tenantId: d.tenantId, hostname: d.hostname, verified: d.verifiedAt !== null };
}

export function routeState(r: RouteRow): RouteState {
  return { routeId: r.id, tenantId: r.tenantId, domainId: r.domainId, functionId: r.functionId, pattern: r.pattern, methods: r.methods ?? null, priority: r.priority };
}

/** Every domain and route (the snapshot); `where` narrows both to some tenants. */
export async function domainAndRouteStates(tx: Db | Tx, tenantIds?: string[]): Promise<{ domains: DomainState[]; routes: RouteState[] }> {
  const dw: SQL | undefined = tenantIds ? inArray(schema.domains.tenantId, tenantIds) : undefined;
  const rw: SQL | undefined = tenantIds ? inArray(schema.routes.tenantId, tenantIds) : undefined;
  const domains = await tx.select().from(schema.domains).where(dw).orderBy(asc(schema.domains.id));
  const routes = await tx.select().from(schema.routes).where(rw).orderBy(asc(schema.routes.id));
  return { domains: domains.map(domainState), routes: routes.map(routeState) };
}

/**
 * The runtime's view of rollouts: the new version's state is the function's live state (its
 * variables and sealed secrets) with that version's code. `live` avoids reading live states twice
 * when the caller already has them (the snapshot).
 */
export async function rolloutStates(tx: Tx, rows: RolloutRow[], live?: FunctionState[]): Promise<RolloutState[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.functionId);
  const states = live ?? (await liveFunctionStates(tx, inArray(schema.functions.id, ids)));
  const v = schema.functionVersions;
  const out: RolloutState[] = [];
  for (const r of rows) {
    const base = states.find((s) => s.functionId === r.functionId);
    if (!base) continue;
    const [ver] = await tx
      .select({ code: v.compiledCode, sourceMap: v.sourceMap })
      .from(v)
      .where(and(eq(v.functionId, r.functionId), eq(v.tenantId, r.tenantId), eq(v.number, r.version)));
    if (!ver) continue;
    out.push({
      functionId: r.functionId,
      tenantId: r.tenantId,
      percent: r.percent,
      sticky: { kind: r.stickyKind === "header" ? "header" : "cookie", name: r.stickyName },
      candidate: { ...base, version: r.version, code: ver.code, sourceMap: ver.sourceMap },
    });
  }
  return out;
}

/** All rollouts in progress, for the snapshot. */
export async function allRolloutStates(tx: Tx, live: FunctionState[]): Promise<RolloutState[]> {
  return rolloutStates(tx, await tx.select().from(schema.rollouts).orderBy(asc(schema.rollouts.functionId)), live);
}
