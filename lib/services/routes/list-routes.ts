import { and, eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import { routeState } from "@/lib/services/domains/runtime-state";
import type { DomainRow } from "@/lib/services/domains/find-domain";
import { compilePattern } from "@/runtime/src/routing/pattern";
import { compareRoutes } from "@/runtime/src/routing/table";
import { overlapsOf } from "./conflicts";

/** A domain's routes in the order the runtime tries them, each with the function's name and its overlaps. */
export async function listRoutesOf(q: Db | Tx, tenantId: string, d: DomainRow) {
  const rows = await q
    .select({ route: schema.routes, fn: schema.functions.name })
    .from(schema.routes)
    .innerJoin(schema.functions, eq(schema.functions.id, schema.routes.functionId))
    .where(and(eq(schema.routes.tenantId, tenantId), eq(schema.routes.domainId, d.id)));
  const states = rows.map((r) => ({ state: routeState(r.route), row: r }));
  const sorted = states
    .map((s) => ({ ...s, compiled: compilePattern(s.state.pattern) }))
    .filter((s): s is typeof s & { compiled: Exclude<typeof s.compiled, { error: string }> } => !("error" in s.compiled))
    .sort((a, b) => compareRoutes({ compiled: a.compiled, route: a.state }, { compiled: b.compiled, route: b.state }));
  const all = states.map((s) => s.state);
  return sorted.map((s, i) => ({
    id: s.state.routeId,
    order: i + 1,
    pattern: s.state.pattern,
    methods: s.state.methods,
    priority: s.state.priority,
    function: s.row.fn,
    createdAt: s.row.route.createdAt,
    overlaps: overlapsOf(s.state, all),
  }));
}
