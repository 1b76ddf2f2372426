import { AppError } from "@/lib/errors";
import type { FunctionState } from "@/runtime/src/protocol";
import type { CompileIssue } from "./compile";
import { callRuntime } from "./runtime-preview";

/** A module's top level is stopped at its startup budget (1 s and up), well inside this. */
const CHECK_TIMEOUT_MS = 10_000;

/** A console line of the module's top level, as the startup check saw it. */
export type StartupLog = { level: string; message: string };

/**
 * The module threw at its top level: 400 with where, in the developer's own files, and what its
 * top level wrote to the console before that (`logs`).
 */
export class StartupFailed extends AppError {
  constructor(message: string, stack: string, errors: CompileIssue[], logs: StartupLog[] = []) {
    const where = errors[0] ? ` (${errors[0].file}:${errors[0].line}:${errors[0].column})` : "";
    super(400, "startup_failed", `The function failed to start: ${message}${where}. Nothing was deployed.`, { errors, stack, logs });
  }
}

/** The first stack frame in one of the function's own files, as an editor location. */
export function startupIssue(message: string, stack: string, files: string[]): CompileIssue[] {
  for (const m of stack.matchAll(/^\s+at (?:.*? \()?([^()\s]+):(\d+):(\d+)\)?$/gm)) {
    const file = files.find((f) => m[1] === f || m[1]!.endsWith(`/${f}`));
    if (file) return [{ file, line: Number(m[2]), column: Number(m[3]), text: message }];
  }
  return [];
}

/**
 * Runs the compiled module's top level once on a runtime node (nothing else: no request, so no
 * handler runs) before a deploy commits it, as every new isolate of the version would. A module
 * that throws there would answer every request with function_failed_to_start; the deploy is
 * refused instead. When no runtime answers (down, not synced yet, or failing itself), the deploy
 * goes ahead unchecked: the runtime still reports a failed start on each request.
 */
export async function checkStartup(state: FunctionState, files: string[]): Promise<"passed" | "skipped"> {
  let result;
  try {
    result = await callRuntime({ function: state }, CHECK_TIMEOUT_MS);
  } catch (e) {
    if (!(e instanceof AppError)) console.warn(`deploy: startup check skipped: ${e instanceof Error ? e.message : String(e)}`);
    return "skipped";
  }
  const failed = result.startupError;
  if (!failed) return "passed";
  const logs = result.logs.map((l) => ({ level: l.level, message: l.message }));
  throw new StartupFailed(failed.message, failed.stack, startupIssue(failed.message, failed.stack, files), logs);
}
