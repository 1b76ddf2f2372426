"use client";

import { AlertTriangle, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { CompileIssue, StartupLine } from "@/lib/queries/functions/deploy-function";

/** Console lines shown under a startup failure; the rest are counted. */
const OUTPUT_LINES = 20;

/**
 * The errors of a refused deploy; each one jumps to its place in the editor. `output`: what the
 * module's top level wrote to the console before it threw.
 */
export function CompileErrors({ issues, output = [], onJump, onDismiss }: { issues: CompileIssue[]; output?: StartupLine[]; onJump(i: CompileIssue): void; onDismiss(): void }) {
  if (issues.length === 0 && output.length === 0) return null;
  return (
    <div role="alert" data-testid="compile-errors" className="border-t border-red-200 bg-red-50/70 px-3 py-2 text-sm">
      <div className="mb-1 flex items-center gap-2 font-medium text-red-900">
        <AlertTriangle className="size-4" aria-hidden />
        {issues.every((i) => i.kind === "startup")
          ? "Deploy refused: the module threw while starting, so every request would fail. Nothing was deployed."
          : `Deploy refused: ${issues.length === 1 ? "1 compile error" : `${issues.length} compile errors`}. Nothing was deployed.`}
        <Button variant="ghost" size="icon-sm" className="ml-auto size-6" aria-label="Dismiss errors" onClick={onDismiss}>
          <X />
        </Button>
      </div>
      <ul className="grid gap-0.5">
        {issues.map((i, k) => (
          <li key={k}>
            <button type="button" onClick={() => onJump(i)} className="text-left font-mono text-xs text-red-800 hover:underline">
              {i.file}:{i.line}:{i.column}: {i.text}
            </button>
          </li>
        ))}
      </ul>
      {output.length > 0 ? (
        <div className="mt-2" data-testid="startup-output">
          <p className="mb-1 text-xs text-red-900">Console output of the top level before it threw:</p>
          <ol className="max-h-32 overflow-auto rounded bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-100">
            {output.slice(0, OUTPUT_LINES).map((l, k) => (
              <li key={k} className="flex gap-2 whitespace-pre-wrap break-all">
                <span className="w-10 shrink-0 text-zinc-500">{l.level}</span>
                <span>{l.message}</span>
              </li>
            ))}
            {output.length > OUTPUT_LINES ? <li className="text-zinc-500">… {output.length - OUTPUT_LINES} more</li> : null}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
