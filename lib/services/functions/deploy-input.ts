import path from "node:path";
import { z } from "zod";
import { SOURCE_EXTS } from "./compile";

const MAX_FILES = 100;
const DEFAULT_ENTRIES = ["index.ts", "index.js", "index.mjs", "index.tsx", "index.jsx"];

/** A relative path inside the function: no "..", no absolute paths, a source extension. */
export const FilePath = z
  .string()
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/, "use a relative path of letters, digits, '_', '-', '.' and '/'")
  .refine((p) => !p.split("/").includes(".."), "must not contain '..'")
  .refine((p) => SOURCE_EXTS.includes(path.posix.extname(p)), `must end in one of ${SOURCE_EXTS.join(", ")}`);

export const DeployInput = z
  .object({
    files: z.record(FilePath, z.string()).optional(),
    /** Shorthand for a single file: { code } is { files: { "index.ts": code } }. */
    code: z.string().min(1, "is empty").optional(),
    entry: FilePath.optional(),
    message: z.string().trim().max(500, "must be at most 500 characters").default(""),
  })
  .superRefine((d, ctx) => {
    if ((d.files === undefined) === (d.code === undefined)) {
      ctx.addIssue({ code: "custom", path: ["files"], message: "send either files or code" });
      return;
    }
    const names = Object.keys(d.files ?? {});
    if (d.files && names.length === 0) ctx.addIssue({ code: "custom", path: ["files"], message: "must contain at least one file" });
    if (names.length > MAX_FILES) ctx.addIssue({ code: "custom", path: ["files"], message: `must contain at most ${MAX_FILES} files` });
    if (d.files && d.entry && !Object.hasOwn(d.files, d.entry)) ctx.addIssue({ code: "custom", path: ["entry"], message: `"${d.entry}" is not one of the files` });
    if (d.files && !d.entry && names.length > 1 && !DEFAULT_ENTRIES.some((e) => Object.hasOwn(d.files!, e))) {
      ctx.addIssue({ code: "custom", path: ["entry"], message: "is required when there is no index.ts or index.js" });
    }
  });

export type DeployInput = z.infer<typeof DeployInput>;

/** The files to build and the module to start from. */
export function sourcesOf(d: DeployInput): { files: Record<string, string>; entry: string } {
  if (d.code !== undefined) return { files: { [d.entry ?? "index.ts"]: d.code }, entry: d.entry ?? "index.ts" };
  const files = d.files!;
  const entry = d.entry ?? DEFAULT_ENTRIES.find((e) => Object.hasOwn(files, e)) ?? Object.keys(files)[0]!;
  return { files, entry };
}
