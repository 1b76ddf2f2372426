import type * as Monaco from "monaco-editor";
import { RUNTIME_LIB, RUNTIME_TYPES } from "./runtime-types";

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;

/**
 * Loads Monaco from the local package (never a CDN), once per page. Browser only: call it from an
 * effect. Workers come from the same package through `new URL(..., import.meta.url)`, which the
 * bundler turns into files it serves itself.
 */
export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
    self.MonacoEnvironment = {
      getWorker(_id: string, label: string) {
        if (label === "typescript" || label === "javascript") {
          return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), { type: "module" });
        }
        return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
      },
    };
    const monaco = await import("monaco-editor");
    configure(monaco);
    return monaco;
  })();
  return loading;
}

function configure(monaco: MonacoApi): void {
  const ts = monaco.typescript;
  const options = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    allowNonTsExtensions: true,
    allowJs: true,
    checkJs: false,
    strict: true,
    noEmit: true,
    lib: RUNTIME_LIB,
  };
  for (const defaults of [ts.typescriptDefaults, ts.javascriptDefaults]) {
    defaults.setCompilerOptions(options);
    defaults.addExtraLib(RUNTIME_TYPES, "file:///__runtime__/runtime.d.ts");
    // Every open file is known to the language service, so imports between them resolve.
    defaults.setEagerModelSync(true);
  }
}

/** Monaco's language id for a file path. */
export function languageOf(path: string): string {
  if (/\.(m?ts|tsx)$/.test(path)) return "typescript";
  if (/\.(m?js|jsx)$/.test(path)) return "javascript";
  if (path.endsWith(".json")) return "json";
  return "plaintext";
}

/** The model URI of a function file; relative imports between files resolve against it. */
export function fileUri(monaco: MonacoApi, path: string): Monaco.Uri {
  return monaco.Uri.parse(`file:///${path}`);
}
