/**
 * Ambient declarations for the function editor's IntelliSense: exactly what a function's isolate
 * provides. They are generated from the isolate itself (runtime/types/generate.ts) and checked
 * against it by runtime/src/sandbox/types.test.ts, so the editor cannot drift from the runtime.
 * Added to Monaco with typescriptDefaults.addExtraLib next to the ES library only (RUNTIME_LIB):
 * no lib.dom, because there is no window or document in the isolate.
 */
export { RUNTIME_DTS as RUNTIME_TYPES } from "@/runtime/types/editor.generated";

/** The only TypeScript default library the editor loads; everything else comes from RUNTIME_TYPES. */
export const RUNTIME_LIB = ["es2022"];
