/**
 * Builds the in-isolate prelude from runtime/src/sandbox with esbuild, once per process. The
 * result is our own code, so its V8 compile cache (produced on first use) is safe to reuse.
 */
import path from "node:path";
import { buildSync } from "esbuild";
import ivm from "isolated-vm";

let code: string | null = null;
let cachedData: ivm.ExternalCopy<ArrayBuffer> | undefined;

/** The bundled prelude source (iife, es2022, minified). */
export function preludeSource(): string {
  if (code === null) {
    const result = buildSync({
      entryPoints: [path.join(import.meta.dirname, "..", "sandbox", "index.ts")],
      bundle: true,
      format: "iife",
      platform: "neutral",
      target: "es2022",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    code = result.outputFiles[0]!.text;
  }
  return code;
}

/** Compiles the prelude into an isolate, reusing compile cache data from earlier isolates. */
export async function compilePrelude(isolate: ivm.Isolate): Promise<ivm.Script> {
  const source = preludeSource();
  const script = await isolate.compileScript(source, { filename: "edge-prelude.js", cachedData, produceCachedData: cachedData === undefined });
  const produced = (script as ivm.Script & ivm.CachedDataResult).cachedData;
  if (cachedData === undefined && produced) cachedData = produced;
  return script;
}
