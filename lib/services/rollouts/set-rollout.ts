import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { publishLiveState } from "@/lib/services/functions/function-state";
import { rolloutStates } from "@/lib/services/domains/runtime-state";
import { appendChange } from "@/lib/services/runtime/append-change";
import { signal } from "@/lib/services/runtime/signals";
import { waitForNodes } from "@/lib/services/runtime/wait-for-nodes";
import { rolloutView } from "./find-rollout";

export const RolloutInput = z.object({
  version: z.number({ error: "must be a version number" }).int("must be an integer").positive("must be positive"),
  percent: z.number({ error: "must be a number from 0 to 100" }).min(0, "must be at least 0").max(100, "must be at most 100"),
  /** "cookie:<name>" or "header:<name>"; absent: a cookie the runtime sets. */
  stickyBy: z
    .string()
    .regex(/^(cookie|header):[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'must be "cookie:<name>" or "header:<name>"')
    .nullish(),
  /** Percentage points by which the new version's error rate may exceed the live one's. */
  abortOnErrorRate: z.number({ error: "must be a number of percentage points" }).min(0, "must be at least 0").max(100, "must be at most 100").nullish(),
  /**
   * The version that serves the rest (default: the live one). Another version becomes live in the
   * same transaction: deploy v3, then roll it out from v2 with `{ version: 3, baseVersion: 2 }`.
   */
  baseVersion: z.number({ error: "must be a version number" }).int("must be an integer").positive("must be positive").optional(),
});

/**
 * Starts or adjusts a gradual rollout: `percent` of the function's requests go to `version`, the
 * rest to the live version. Changing the percentage keeps the start time (so the comparison
 * covers the whole rollout); a different version starts over.
 */
export async function setRollout({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(RolloutInput, input);
  const [stickyKind, stickyName] = data.stickyBy ? (data.stickyBy.split(/:(.*)/s) as [string, string]) : ["cookie", null];
  const { view, revision } = await withTransaction(async (tx) => {
    let row = await findFunction(tx, ctx.tenant.id, fn, true);
    const liveBefore = row.liveVersion;
    const v = schema.functionVersions;
    const hasVersion = async (n: number) =>
      (await tx.select({ n: v.number }).from(v).where(and(eq(v.tenantId, ctx.tenant.id), eq(v.functionId, row.id), eq(v.number, n)))).length > 0;
    if (data.baseVersion !== undefined && data.baseVersion !== row.liveVersion) {
      if (!(await hasVersion(data.baseVersion))) throw new ValidationError(`baseVersion: function "${row.name}" has no version ${data.baseVersion}`, [{ path: "baseVersion", message: `no version ${data.baseVersion}` }]);
      if (data.baseVersion === data.version) throw new ValidationError("baseVersion: must differ from version", [{ path: "baseVersion", message: "must differ from version" }]);
      const [updated] = await tx
        .update(schema.functions)
        .set({ liveVersion: data.baseVersion, updatedAt: new Date() })
        .where(and(eq(schema.functions.tenantId, ctx.tenant.id), eq(schema.functions.id, row.id)))
        .returning();
      row = updated!;
      await publishLiveState(tx, ctx.tenant.id, row.id);
    }
    if (row.liveVersion === null) throw new ValidationError(`version: function "${row.name}" has no live version to roll out from; deploy it first`, [{ path: "version", message: "the function has no live version yet" }]);
    if (data.version === row.liveVersion) throw new ValidationError(`version: ${data.version} is already the live version`, [{ path: "version", message: `${data.version} is already the live version` }]);
    if (!(await hasVersion(data.version))) throw new ValidationError(`version: function "${row.name}" has no version ${data.version}`, [{ path: "version", message: `no version ${data.version}` }]);
    const ro = schema.rollouts;
    const [cur] = await tx.select().from(ro).where(and(eq(ro.tenantId, ctx.tenant.id), eq(ro.functionId, row.id)));
    const fresh = !cur || cur.version !== data.version || cur.baseVersion !== row.liveVersion;
    const values = {
      functionId: row.id,
      tenantId: ctx.tenant.id,
      version: data.version,
      baseVersion: row.liveVersion,
      percent: data.percent,
      stickyKind,
      stickyName,
      abortOnErrorRate: data.abortOnErrorRate ?? null,
      startedAt: fresh ? new Date() : cur.startedAt,
      updatedAt: new Date(),
      startedBy: fresh ? ctx.actor.userId : cur.startedBy,
    };
    const [saved] = await tx.insert(ro).values(values).onConflictDoUpdate({ target: ro.functionId, set: values }).returning();
    const [state] = await rolloutStates(tx, [saved!]);
    const rev = await appendChange(tx, { kind: "rollout.set", rollout: state! }, ctx.tenant.id);
    await audit(tx, ctx, { action: "rollout.set", tenantId: ctx.tenant.id, target: row.name, details: { functionId: row.id, version: data.version, baseVersion: row.liveVersion, percent: data.percent, stickyBy: data.stickyBy ?? null, abortOnErrorRate: data.abortOnErrorRate ?? null, liveBefore, revision: rev } });
    return { view: rolloutView(saved!), revision: rev };
  });
  signal("change");
  return { rollout: view, revision, ...(await waitForNodes(revision)) };
}
