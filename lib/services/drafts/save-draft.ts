import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { parseInput, requireRole, withTransaction, type TenantCtx } from "@/lib/services/context";
import { findFunction } from "@/lib/services/functions/find-function";
import { FilePath } from "@/lib/services/functions/deploy-input";
import { currentDraft } from "./draft-view";

const MAX_FILES = 100;

export const SaveDraftInput = z
  .object({
    files: z.record(FilePath, z.string().max(1_000_000, "must be at most 1000000 characters")),
    entry: FilePath,
    /** The revision the editor started from; 0 when it opened the live files. */
    baseRevision: z.number().int().min(0),
  })
  .superRefine((d, ctx) => {
    const n = Object.keys(d.files).length;
    if (n === 0) ctx.addIssue({ code: "custom", path: ["files"], message: "must contain at least one file" });
    if (n > MAX_FILES) ctx.addIssue({ code: "custom", path: ["files"], message: `must contain at most ${MAX_FILES} files` });
    if (!Object.hasOwn(d.files, d.entry)) ctx.addIssue({ code: "custom", path: ["entry"], message: `"${d.entry}" is not one of the files` });
  });

/**
 * Saves the editor's draft if nobody saved since `baseRevision`; otherwise 409, so that two tabs
 * or two people never overwrite each other's work without knowing. Drafts are not audited: they
 * change on every pause in typing and run nowhere; deploys are audited.
 */
export async function saveDraft({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const data = parseInput(SaveDraftInput, input);
  return withTransaction(async (tx) => {
    // The function row lock serialises concurrent saves of one draft.
    const row = await findFunction(tx, ctx.tenant.id, fn, true);
    const current = await currentDraft(tx, ctx.tenant.id, row);
    if (current.revision !== data.baseRevision) {
      throw new Conflict(
        `This draft changed elsewhere since you opened it (now revision ${current.revision}, yours is based on ${data.baseRevision}). Reload to get the latest version, then make your change again.`,
      );
    }
    const d = schema.functionDrafts;
    const values = { files: data.files, entry: data.entry, revision: data.baseRevision + 1, updatedAt: new Date(), updatedBy: ctx.actor.userId };
    const [saved] =
      data.baseRevision === 0
        ? await tx
            .insert(d)
            .values({ functionId: row.id, tenantId: ctx.tenant.id, ...values })
            .returning()
        : await tx
            .update(d)
            .set(values)
            .where(and(eq(d.tenantId, ctx.tenant.id), eq(d.functionId, row.id)))
            .returning();
    const { files, entry, revision, updatedAt, updatedBy } = saved!;
    return { files, entry, revision, updatedAt, updatedBy };
  });
}
