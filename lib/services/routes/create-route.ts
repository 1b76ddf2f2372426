import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { schema } from "@/lib/db";
import { Conflict, ValidationError } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findDomain } from "@/lib/services/domains/find-domain";
import { routeState } from "@/lib/services/domains/runtime-state";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { waitForNodes } from "@/lib/services/runtime/wait-for-nodes";
import type { RouteState } from "@/runtime/src/protocol";
import { overlapsOf } from "./conflicts";
import { RouteInput } from "./route-input";

/**
 * Attaches a path pattern on one of the tenant's domains to one of its functions. Overlaps with
 * the domain's other routes are reported; an ambiguous one (same specificity and priority) is
 * refused with 409. `dryRun` reports them without saving, so the console can show them first.
 */
export async function createRoute({ ctx, hostname, input }: { ctx: TenantCtx; hostname: string; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(RouteInput, input);
  const result = await withTransaction(async (tx) => {
    const d = await findDomain(tx, ctx.tenant.id, hostname);
    const [fn] = await tx
      .select({ id: schema.functions.id, name: schema.functions.name })
      .from(schema.functions)
      .where(and(eq(schema.functions.tenantId, ctx.tenant.id), eq(schema.functions.name, data.function)));
    if (!fn) throw new ValidationError(`function: no function named "${data.function}" in this tenant`, [{ path: "function", message: `no function named "${data.function}" in this tenant` }]);
    const existing = (await tx.select().from(schema.routes).where(and(eq(schema.routes.tenantId, ctx.tenant.id), eq(schema.routes.domainId, d.id)))).map(routeState);
    const draft: RouteState = { routeId: crypto.randomUUID(), tenantId: ctx.tenant.id, domainId: d.id, functionId: fn.id, pattern: data.pattern, methods: data.methods, priority: data.priority };
    const overlaps = overlapsOf(draft, existing);
    if (data.dryRun) return { saved: false as const, overlaps };
    const ambiguous = overlaps.find((o) => o.kind === "ambiguous");
    if (ambiguous) throw new Conflict(`Route ${data.pattern} conflicts with ${ambiguous.pattern}: ${ambiguous.message}`);
    const [row] = await tx
      .insert(schema.routes)
      .values({ id: draft.routeId, tenantId: ctx.tenant.id, domainId: d.id, functionId: fn.id, pattern: data.pattern, methods: data.methods, priority: data.priority, createdBy: ctx.actor.userId })
      .returning();
    const revision = await appendChange(tx, { kind: "route.upserted", route: routeState(row!) }, ctx.tenant.id);
    await audit(tx, ctx, { action: "route.created", tenantId: ctx.tenant.id, target: `${d.hostname}${data.pattern}`, details: { routeId: row!.id, function: fn.name, methods: data.methods, priority: data.priority, revision } });
    return { saved: true as const, overlaps, revision, route: { id: row!.id, pattern: row!.pattern, methods: row!.methods ?? null, priority: row!.priority, function: fn.name, createdAt: row!.createdAt } };
  });
  if (!result.saved) return result;
  signal("change");
  // Like a deploy: answer once the runtime nodes serve the route ("live on 2/2 nodes in 14 ms").
  return { ...result, ...(await waitForNodes(result.revision)) };
}
