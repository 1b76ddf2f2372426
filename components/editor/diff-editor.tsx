"use client";

import * as React from "react";
import type * as Monaco from "monaco-editor";
import { languageOf, loadMonaco, type MonacoApi } from "@/lib/editor/monaco";
import { cn } from "@/lib/utils";

/** Read-only side-by-side diff of one file between two versions (Monaco's diff editor). */
export function DiffEditor({ path, original, modified, className }: { path: string; original: string; modified: string; className?: string }) {
  const host = React.useRef<HTMLDivElement>(null);
  const [api, setApi] = React.useState<{ monaco: MonacoApi; editor: Monaco.editor.IStandaloneDiffEditor } | null>(null);

  React.useEffect(() => {
    let disposed = false;
    let editor: Monaco.editor.IStandaloneDiffEditor | undefined;
    loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      editor = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        renderSideBySide: true,
      });
      setApi({ monaco, editor });
    });
    return () => {
      disposed = true;
      const model = editor?.getModel();
      editor?.dispose();
      model?.original.dispose();
      model?.modified.dispose();
    };
  }, []);

  React.useEffect(() => {
    if (!api) return;
    const { monaco, editor } = api;
    const lang = languageOf(path);
    const previous = editor.getModel();
    // Models without URIs: they must not collide with the editor's file models.
    editor.setModel({ original: monaco.editor.createModel(original, lang), modified: monaco.editor.createModel(modified, lang) });
    previous?.original.dispose();
    previous?.modified.dispose();
  }, [api, path, original, modified]);

  return (
    <div className={cn("relative min-h-0 rounded-lg border", className)}>
      <div ref={host} data-testid="diff-editor" className="absolute inset-0" />
      {!api ? <div className="absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">Loading the diff…</div> : null}
    </div>
  );
}
