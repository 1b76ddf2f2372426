"use client";

import { AlertTriangle, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { CompileIssue } from "@/lib/queries/functions/deploy-function";

/** The errors of a refused deploy; each one jumps to its place in the editor. */
export function CompileErrors({ issues, onJump, onDismiss }: { issues: CompileIssue[]; onJump(i: CompileIssue): void; onDismiss(): void }) {
  if (issues.length === 0) return null;
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
    </div>
  );
}
