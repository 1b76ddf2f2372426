/**
 * Builds the in-isolate prelude from runtime/src/sandbox with esbuild, once per process, and from
 * it an isolate snapshot (`ivm.Isolate.createSnapshot`) that every isolate starts from, so the
 * prelude is deserialized instead of re-run. Both the source and the snapshot are produced by this
 * process from our own code, never loaded from outside. If a snapshot cannot be built, isolates
 * fall back to compiling the prelude with V8 compile cache data (also our own).
 */
import path from "node:path";
import v8 from "node:v8";
import { buildSync, type BuildOptions } from "esbuild";
import ivm from "isolated-vm";

const SANDBOX = path.join(import.meta.dirname, "..", "sandbox");
/** How the prelude and its libraries are bundled: one iife each, for an isolate with no modules. */
const BUILD = { bundle: true, format: "iife", platform: "neutral", mainFields: ["module", "main"], target: "es2022", minify: true, write: false as const, logLevel: "silent" } satisfies BuildOptions;

let code: string | null = null;
/** The libraries the prelude loads on first use (sandbox/libs.ts): what each script exports. */
const LIBS: Record<string, string> = {
  fflate: `export * from "fflate";`,
  urlpattern: `export { URLPattern } from "urlpattern-polyfill/urlpattern";`,
};
const libs = new Map<string, { code: string; cachedData?: ivm.ExternalCopy<ArrayBuffer> }>();
let cachedData: ivm.ExternalCopy<ArrayBuffer> | undefined;
/** undefined: not tried yet; null: createSnapshot failed (see snapshotError()). */
let snapshot: ivm.ExternalCopy<ArrayBuffer> | null | undefined;
let snapshotFailure: string | null = null;

/** The bundled prelude source (iife, es2022, minified). */
export function preludeSource(): string {
  if (code === null) {
    const result = buildSync({ ...BUILD, entryPoints: [path.join(SANDBOX, "index.ts")] });
    code = result.outputFiles[0]!.text;
  }
  return code;
}

/**
 * A library for sandbox/libs.ts: a script whose completion value is the library's exports, built
 * once per process from our dependencies (never from outside), with the compile cache data its
 * first compile produced (our own output as well).
 */
export function libScript(name: string): { code: string; cachedData?: ivm.ExternalCopy<ArrayBuffer> } {
  let entry = libs.get(name);
  if (entry) return entry;
  const contents = LIBS[name];
  if (contents === undefined) throw new Error(`unknown library ${name}`);
  const result = buildSync({ ...BUILD, stdin: { contents, resolveDir: SANDBOX, loader: "js" }, globalName: "__edgeLib" });
  entry = { code: `(() => {${result.outputFiles[0]!.text}\nreturn __edgeLib;})()` };
  libs.set(name, entry);
  return entry;
}

/** The prelude snapshot, built on first use; null when V8 could not build one. */
export function preludeSnapshot(): ivm.ExternalCopy<ArrayBuffer> | null {
  if (snapshot === undefined) {
    try {
      snapshot = ivm.Isolate.createSnapshot([{ code: preludeSource(), filename: "edge-prelude.js" }]);
    } catch (e) {
      snapshot = null;
      snapshotFailure = e instanceof Error ? e.message : String(e);
    }
  }
  return snapshot;
}

/** Why the snapshot could not be built (null when it was, or was not tried). */
export function snapshotError(): string | null {
  return snapshotFailure;
}

/** Compiles the prelude into an isolate, reusing compile cache data from earlier isolates. */
export async function compilePrelude(isolate: ivm.Isolate): Promise<ivm.Script> {
  const source = preludeSource();
  const script = await isolate.compileScript(source, { filename: "edge-prelude.js", cachedData, produceCachedData: cachedData === undefined });
  const produced = (script as ivm.Script & ivm.CachedDataResult).cachedData;
  if (cachedData === undefined && produced) cachedData = produced;
  return script;
}

let engineFlagsSet = false;

/**
 * Process-wide V8 flags, set before the first isolate exists.
 * - `--no-lazy-feedback-allocation`: V8 gives a function its feedback vector (what its inline
 *   caches learn) only once it has been called a few times (8), so a young isolate ran its first
 *   requests' prelude code without inline caches, and a version's first request after a deploy
 *   was that much slower than a warm one. Measured in-process (bench/first-request.ts), the first
 *   request's isolate time went from ~400 to ~310-340 µs against ~240-255 µs warm after the same
 *   idle; a warm request is as fast as before (bench/dispatch-loop.ts). The vectors cost ~0.03 MB
 *   per isolate (2.005 -> 2.04 MB in-process), paid for by moving the prelude's rarely used
 *   libraries out of it (sandbox/libs.ts, -0.05 MB).
 * - `--no-wasm-code-gc`: V8 aborts the whole process when its WebAssembly code GC finds an
 *   isolate with archived threads ("archived threads in combination with wasm not supported",
 *   wasm-engine.cc), and isolated-vm's locking hands isolates between threads; the host's own
 *   wasm (undici's HTTP parser, behind fetch) is enough. Seen once, in CI on 2026-11-27, aborting
 *   a vitest process that ran a runtime node (lib/services/billing/metering.test.ts); not
 *   reproduced on demand. The cost: code a wasm module tiered up from stays until the module is
 *   freed (with its isolate, for tenant code).
 */
function setEngineFlags(): void {
  if (engineFlagsSet) return;
  engineFlagsSet = true;
  v8.setFlagsFromString("--no-lazy-feedback-allocation");
  v8.setFlagsFromString("--no-wasm-code-gc");
}

/**
 * A new isolate whose context already holds the prelude: restored from the snapshot, or (with
 * useSnapshot false, or when no snapshot could be built) with the prelude compiled and run.
 */
export function newPreludeIsolate(memoryMb: number, useSnapshot = true): { isolate: ivm.Isolate; fromSnapshot: boolean } {
  setEngineFlags();
  const snap = useSnapshot ? preludeSnapshot() : null;
  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, memoryMb), ...(snap ? { snapshot: snap } : {}) });
  return { isolate, fromSnapshot: snap !== null };
}

/** Creates the context; runs the prelude in it unless the isolate came from the snapshot. */
export async function preludeContext(isolate: ivm.Isolate, fromSnapshot: boolean): Promise<ivm.Context> {
  const context = await isolate.createContext();
  if (!fromSnapshot) {
    const prelude = await compilePrelude(isolate);
    await prelude.run(context, { timeout: 2000 });
    prelude.release();
  }
  return context;
}
