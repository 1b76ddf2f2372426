import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { currentDraft } from "@/lib/services/drafts/draft-view";
import type { PreviewJob } from "@/runtime/src/protocol/preview";
import { compileFunction } from "./compile";
import { DeployInput, FilePath, sourcesOf } from "./deploy-input";
import { findFunction } from "./find-function";
import { runtimeVariables } from "./function-state";
import { callRuntime } from "./runtime-preview";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const MAX_BODY = 1024 * 1024;
/** The runtime answers within the tenant's wall-clock limit (30 s by default); then we give up. */
const RUNTIME_TIMEOUT_MS = 65_000;

export const TestInput = z
  .object({
    /** "draft": the editor's files (sent along, or the saved draft); "live": the live version. */
    target: z.enum(["draft", "live"]).default("draft"),
    method: z.enum(METHODS, { message: `must be one of ${METHODS.join(", ")}` }).default("GET"),
    path: z
      .string()
      .max(2048, "must be at most 2048 characters")
      .regex(/^\/[^\s#?]*$/, 'must start with "/" and contain no spaces, "?" or "#" (send the query in query)')
      .default("/"),
    /** "a=1&b=2" (a leading "?" is fine) or { a: "1", b: "2" }. */
    query: z.union([z.string().max(4096, "must be at most 4096 characters"), z.record(z.string(), z.string())]).optional(),
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "is not a valid header name"), z.string().max(8192, "must be at most 8192 characters"))
      .default({}),
    body: z.string().max(MAX_BODY, `must be at most ${MAX_BODY} characters`).optional(),
    files: z.record(FilePath, z.string()).optional(),
    entry: FilePath.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.target === "live" && (d.files || d.entry)) ctx.addIssue({ code: "custom", path: ["files"], message: "only a draft is sent with files; the live version runs as deployed" });
    if ((d.method === "GET" || d.method === "HEAD") && d.body) ctx.addIssue({ code: "custom", path: ["body"], message: `a ${d.method} request has no body` });
  });

function queryString(q: z.infer<typeof TestInput>["query"]): string {
  if (q === undefined) return "";
  const s = typeof q === "string" ? q.replace(/^\?/, "") : new URLSearchParams(q).toString();
  return s ? `?${s}` : "";
}

/** The code to run: the live version as deployed, or the draft compiled exactly like a deploy. */
async function codeFor(ctx: TenantCtx, fn: Awaited<ReturnType<typeof findFunction>>, q: z.infer<typeof TestInput>) {
  const db = await getDb();
  if (q.target === "live") {
    if (fn.liveVersion === null) throw new ValidationError("target: the function has no live version yet; deploy it or test the draft", [{ path: "target", message: "the function has no live version yet" }]);
    const v = schema.functionVersions;
    const [ver] = await db
      .select({ code: v.compiledCode, sourceMap: v.sourceMap })
      .from(v)
      .where(and(eq(v.tenantId, ctx.tenant.id), eq(v.functionId, fn.id), eq(v.number, fn.liveVersion)));
    return { version: fn.liveVersion, code: ver!.code, sourceMap: ver!.sourceMap };
  }
  const sources = q.files ? sourcesOf(parseInput(DeployInput, { files: q.files, entry: q.entry })) : await currentDraft(db, ctx.tenant.id, fn);
  // Compile errors surface as 400 compile_failed with file, line and column, as for a deploy.
  const compiled = await compileFunction(sources.files, sources.entry);
  return { version: 0, code: compiled.code, sourceMap: compiled.sourceMap };
}

/**
 * The test console's request: runs the draft (never publicly routed) or the live version once on
 * the runtime, through the same engine as real traffic, and returns the response with that
 * invocation's console lines, wall and CPU time. Secrets travel sealed, as for a deploy.
 */
export async function testFunction({ ctx, fn, input }: { ctx: TenantCtx; fn: string; input: unknown }) {
  requireRole(ctx, "developer");
  const q = parseInput(TestInput, input);
  const db = await getDb();
  const row = await findFunction(db, ctx.tenant.id, fn);
  const { version, code, sourceMap } = await codeFor(ctx, row, q);
  const job: PreviewJob = {
    function: { functionId: row.id, tenantId: ctx.tenant.id, name: row.name, version, code, sourceMap, ...(await runtimeVariables(db, row.id)) },
    request: {
      method: q.method,
      path: q.path + queryString(q.query),
      host: `${row.name}.${ctx.tenant.slug}.${env().RUNTIME_BASE_DOMAIN}`,
      headers: Object.entries(q.headers),
      body: q.body,
    },
  };
  const result = await callRuntime(job, RUNTIME_TIMEOUT_MS);
  return { target: q.target, version: q.target === "live" ? version : null, ...result };
}
