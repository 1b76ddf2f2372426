import { and, eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import type { FunctionRow } from "@/lib/services/functions/find-function";

/**
 * The draft the editor opens: the saved draft if there is one; otherwise the live version's files
 * (revision 0, nothing saved yet); otherwise, for a function never deployed, an empty index.ts.
 */
export async function currentDraft(q: Db | Tx, tenantId: string, fn: FunctionRow) {
  const d = schema.functionDrafts;
  const [draft] = await q
    .select()
    .from(d)
    .where(and(eq(d.tenantId, tenantId), eq(d.functionId, fn.id)));
  if (draft) return { files: draft.files, entry: draft.entry, revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy };
  const v = schema.functionVersions;
  const [live] =
    fn.liveVersion === null
      ? []
      : await q
          .select({ files: v.files, entry: v.entry })
          .from(v)
          .where(and(eq(v.tenantId, tenantId), eq(v.functionId, fn.id), eq(v.number, fn.liveVersion)));
  const base = live ?? { files: { "index.ts": "" }, entry: "index.ts" };
  return { ...base, revision: 0, updatedAt: null, updatedBy: null };
}
