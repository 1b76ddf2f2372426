import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { audit, parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { appendChange } from "@/lib/services/runtime/append-change";
import { changeCommitted } from "@/lib/services/runtime/signals";
import { watchRollout } from "@/lib/services/runtime/wait-for-nodes";
import type { FunctionState } from "@/runtime/src/protocol";
import { compileFunction } from "./compile";
import { DeployInput, sourcesOf } from "./deploy-input";
import { findFunction } from "./find-function";
import { runtimeVariables } from "./function-state";
import { checkStartup } from "./startup-check";

/**
 * Compiles the developer's files and makes them the live version: the immutable version row, the
 * live pointer, the runtime change and the audit row commit together, and nothing is written when
 * the code does not compile or its top level throws on a runtime node (checkStartup). Then waits
 * briefly for the runtime nodes to apply it, so the answer can say where it is live.
 */
export async function deployFunction({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(DeployInput, input);
  const { files, entry } = sourcesOf(data);
  // Outside the transaction (a build takes milliseconds to seconds and must not hold row locks)
  // and alongside the lookup; not found wins, so a typo in the URL is not a compile error.
  // The rollout watch reads which nodes to wait for now, so no query sits between commit and live.
  const [found, built, watching] = await Promise.allSettled([findFunction(await getDb(), ctx.tenant.id, fn), compileFunction(files, entry), watchRollout()]);
  const watch = watching.status === "fulfilled" ? watching.value : null;
  if (found.status === "rejected" || built.status === "rejected" || !watch) {
    watch?.close();
    throw found.status === "rejected" ? found.reason : built.status === "rejected" ? built.reason : (watching as PromiseRejectedResult).reason;
  }
  const compiled = built.value;
  const row = found.value;
  let committed: Awaited<ReturnType<typeof commitVersion>>;
  let startupCheck: "passed" | "skipped";
  try {
    // Version 0, as for a draft: it has no version number until it commits. No variables: the
    // runtime hands env to the module after its top level ran, so the top level never sees them.
    const candidate: FunctionState = { functionId: row.id, tenantId: ctx.tenant.id, name: row.name, version: 0, code: compiled.code, sourceMap: compiled.sourceMap, vars: {}, secrets: {} };
    startupCheck = await checkStartup(candidate, Object.keys(files));
    committed = await commitVersion(ctx, fn, { files, entry, compiled, message: data.message });
  } catch (e) {
    watch.close();
    throw e;
  }
  const { version, revision, state } = committed;
  changeCommitted({ kind: "function.deployed", function: state, revision });
  return { version, revision, startupCheck, ...(await watch.wait(revision)) };
}

/** The version row, the live pointer, the runtime change and the audit row, in one transaction. */
function commitVersion(ctx: TenantCtx, fn: string, d: { files: Record<string, string>; entry: string; compiled: { code: string; sourceMap: string }; message: string }) {
  const v = schema.functionVersions;
  return withTransaction(async (tx) => {
    // The row lock serialises deploys of this function, so the next number is computed in the insert.
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const [inserted] = await tx
      .insert(v)
      .values({
        id: crypto.randomUUID(),
        functionId: row.id,
        tenantId: ctx.tenant.id,
        number: sql`(select coalesce(max(${v.number}), 0) + 1 from ${v} where ${v.functionId} = ${row.id})`,
        files: d.files,
        entry: d.entry,
        compiledCode: d.compiled.code,
        sourceMap: d.compiled.sourceMap,
        message: d.message,
        authorId: ctx.actor.userId,
      })
      .returning({ number: v.number });
    const number = inserted!.number;
    await tx
      .update(schema.functions)
      .set({ liveVersion: number, updatedAt: new Date() })
      .where(and(eq(schema.functions.tenantId, ctx.tenant.id), eq(schema.functions.id, row.id)));
    // The state is what was just written; built here instead of read back (the code can be large).
    const state: FunctionState = { functionId: row.id, tenantId: ctx.tenant.id, name: row.name, version: number, code: d.compiled.code, sourceMap: d.compiled.sourceMap, ...(await runtimeVariables(tx, row.id)) };
    const rev = await appendChange(tx, { kind: "function.deployed", function: state }, ctx.tenant.id);
    await audit(tx, ctx, {
      action: "function.deployed",
      tenantId: ctx.tenant.id,
      target: row.name,
      details: { functionId: row.id, version: number, entry: d.entry, files: Object.keys(d.files).length, message: d.message, revision: rev },
    });
    return { version: number, revision: rev, state };
  });
}
