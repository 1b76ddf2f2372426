import path from "node:path";
import * as esbuild from "esbuild";
import { AppError } from "@/lib/errors";

export type CompileIssue = { file: string; line: number; column: number; text: string };
export type Compiled = { code: string; sourceMap: string };

/** The developer's code did not compile: 400 with every error's file, line and column (1-based). */
export class CompileFailed extends AppError {
  constructor(readonly errors: CompileIssue[]) {
    const first = errors[0];
    const where = first ? `${first.file}:${first.line}:${first.column}: ${first.text}` : "unknown error";
    super(400, "compile_failed", `Compilation failed: ${where}`, { errors });
  }
}

const NS = "fn";
const LOADERS: Record<string, esbuild.Loader> = { ".ts": "ts", ".tsx": "tsx", ".mts": "ts", ".js": "js", ".mjs": "js", ".jsx": "jsx", ".json": "json" };
const RESOLVE_EXTS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx", ".json"];

export const SOURCE_EXTS = Object.keys(LOADERS);

/** Finds an import among the function's own files, the way TypeScript and bundlers would. */
function resolveAmong(files: Map<string, string>, target: string): string | undefined {
  const candidates = [target, ...RESOLVE_EXTS.map((e) => target + e), ...RESOLVE_EXTS.map((e) => `${target}/index${e}`)];
  // TypeScript sources conventionally import "./x.js" for "./x.ts".
  const js = /\.(m?)js$/.exec(target);
  if (js) candidates.push(target.slice(0, -js[0].length) + (js[1] ? ".mts" : ".ts"), target.slice(0, -js[0].length) + ".tsx");
  return candidates.find((c) => files.has(c));
}

/**
 * Serves the function's files to esbuild from memory. Everything else is refused: no filesystem,
 * no node_modules, no network, no Node built-ins, so a build can only ever see the tenant's code.
 */
function ownFilesOnly(files: Map<string, string>): esbuild.Plugin {
  return {
    name: "function-files",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: NS };
        if (!/^\.{1,2}\//.test(args.path)) {
          return { errors: [{ text: `Cannot import "${args.path}": a function may only import its own files by relative path.` }] };
        }
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path));
        const found = target.startsWith("../") ? undefined : resolveAmong(files, target);
        if (!found) return { errors: [{ text: `Cannot find "${args.path}" among the function's files.` }] };
        return { path: found, namespace: NS };
      });
      build.onLoad({ filter: /.*/, namespace: NS }, (args) => ({
        contents: files.get(args.path) ?? "",
        loader: LOADERS[path.posix.extname(args.path)] ?? "js",
      }));
    },
  };
}

const stripNs = (file: string) => (file.startsWith(`${NS}:`) ? file.slice(NS.length + 1) : file);

function toIssues(messages: esbuild.Message[]): CompileIssue[] {
  return messages.map((m) => ({
    file: stripNs(m.location?.file ?? ""),
    line: m.location?.line ?? 0,
    // esbuild counts columns from 0; editors (Monaco) and stack traces count from 1.
    column: (m.location?.column ?? -1) + 1,
    text: m.text,
  }));
}

/** Bundles the function's files from `entry` into one ES module with an external source map. */
export async function compileFunction(files: Record<string, string>, entry: string): Promise<Compiled> {
  const map = new Map(Object.entries(files));
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      plugins: [ownFilesOnly(map)],
      bundle: true,
      write: false,
      format: "esm",
      target: "es2022",
      platform: "neutral",
      sourcemap: "external",
      sourcesContent: true,
      outfile: "function.js",
      // No tsconfig or package.json lookups on the console's own disk.
      tsconfigRaw: {},
      logLevel: "silent",
    });
  } catch (err) {
    const failure = err as Partial<esbuild.BuildFailure>;
    if (Array.isArray(failure.errors)) throw new CompileFailed(toIssues(failure.errors));
    throw err;
  }
  const code = result.outputFiles.find((o) => o.path.endsWith(".js"))?.text ?? "";
  const rawMap = JSON.parse(result.outputFiles.find((o) => o.path.endsWith(".map"))?.text ?? "{}") as { sources?: string[] };
  rawMap.sources = (rawMap.sources ?? []).map(stripNs);
  return { code, sourceMap: JSON.stringify(rawMap) };
}
