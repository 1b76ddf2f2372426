import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import { openVariable } from "@/lib/crypto/at-rest";
import { appendChange } from "@/lib/services/runtime/append-change";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { deriveRuntimeKey, sealWithKey } from "@/runtime/src/protocol/secrets";
import type { FunctionState } from "@/runtime/src/protocol";

const f = schema.functions;
const v = schema.functionVersions;
const fv = schema.functionVariables;

/**
 * The live FunctionState of every function matching `where` (functions never deployed have none).
 * Secrets are opened with the at-rest key and sealed again under the runtime key, so the change
 * feed and the snapshot never carry a secret in clear.
 */
export async function liveFunctionStates(tx: Tx, where?: SQL): Promise<FunctionState[]> {
  const rows = await tx
    .select({ fn: f, code: v.compiledCode, sourceMap: v.sourceMap })
    .from(f)
    .innerJoin(v, and(eq(v.functionId, f.id), eq(v.number, f.liveVersion)))
    .where(where)
    .orderBy(asc(f.id));
  if (rows.length === 0) return [];
  const vars = await tx
    .select()
    .from(fv)
    .where(inArray(fv.functionId, rows.map((r) => r.fn.id)))
    .orderBy(asc(fv.name));
  const key = deriveRuntimeKey(runtimeToken());
  return rows.map(({ fn, code, sourceMap }) => {
    const state: FunctionState = {
      functionId: fn.id,
      tenantId: fn.tenantId,
      name: fn.name,
      version: fn.liveVersion!,
      code,
      sourceMap,
      vars: {},
      secrets: {},
    };
    for (const row of vars) {
      if (row.functionId !== fn.id) continue;
      if (row.secret) state.secrets[row.name] = sealWithKey(key, openVariable(fn.id, row.name, row.sealedValue ?? ""));
      else state.vars[row.name] = row.value ?? "";
    }
    return state;
  });
}

/**
 * One function's variables as the runtime takes them: plain values, and secrets opened with the
 * at-rest key and sealed again under the runtime key (the test console's previews use it).
 */
export async function runtimeVariables(q: Db | Tx, functionId: string): Promise<Pick<FunctionState, "vars" | "secrets">> {
  const rows = await q.select().from(fv).where(eq(fv.functionId, functionId)).orderBy(asc(fv.name));
  const key = deriveRuntimeKey(runtimeToken());
  const out: Pick<FunctionState, "vars" | "secrets"> = { vars: {}, secrets: {} };
  for (const row of rows) {
    if (row.secret) out.secrets[row.name] = sealWithKey(key, openVariable(functionId, row.name, row.sealedValue ?? ""));
    else out.vars[row.name] = row.value ?? "";
  }
  return out;
}

/**
 * Appends `function.deployed` with the function's current live state (code, vars, sealed
 * secrets) inside the caller's transaction. Returns the revision, or null when nothing is live.
 */
export async function publishLiveState(tx: Tx, tenantId: string, functionId: string): Promise<number | null> {
  const [state] = await liveFunctionStates(tx, and(eq(f.tenantId, tenantId), eq(f.id, functionId)));
  if (!state) return null;
  return appendChange(tx, { kind: "function.deployed", function: state }, tenantId);
}
