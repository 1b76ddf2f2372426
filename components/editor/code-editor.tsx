"use client";

import * as React from "react";
import type * as Monaco from "monaco-editor";
import { fileUri, languageOf, loadMonaco, type MonacoApi } from "@/lib/editor/monaco";
import type { CompileIssue } from "@/lib/queries/functions/deploy-function";
import { cn } from "@/lib/utils";

export type CodeEditorHandle = {
  /** Runs Monaco's built-in formatter on the open file (also Shift+Alt+F). */
  format(): Promise<void>;
  /** Opens `path` and puts the cursor at a 1-based line and column. */
  reveal(path: string, line: number, column: number): void;
};

type Props = {
  /** Initial contents by path. A path that appears creates a model; one that disappears disposes it. */
  files: Record<string, string>;
  active: string;
  readOnly?: boolean;
  /** Errors of the last refused deploy, shown as markers at their file, line and column. */
  issues: CompileIssue[];
  onChange(path: string, value: string): void;
  className?: string;
};

const MARKER_OWNER = "deploy";

/**
 * Monaco with one model per function file. The editor owns the text once a model exists: props
 * never push contents back into it, so nothing the user types can be overwritten by a re-render.
 */
export const CodeEditor = React.forwardRef<CodeEditorHandle, Props>(function CodeEditor({ files, active, readOnly, issues, onChange, className }, ref) {
  const host = React.useRef<HTMLDivElement>(null);
  const [api, setApi] = React.useState<{ monaco: MonacoApi; editor: Monaco.editor.IStandaloneCodeEditor } | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  const models = React.useRef(new Map<string, Monaco.editor.ITextModel>());
  const onChangeRef = React.useRef(onChange);
  const filesRef = React.useRef(files);
  React.useEffect(() => {
    onChangeRef.current = onChange;
    filesRef.current = files;
  }, [onChange, files]);
  // Effects below follow the set of paths, not every keystroke's contents.
  const pathsKey = Object.keys(files).sort().join("\n");

  React.useEffect(() => {
    let disposed = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
    const owned = models.current;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        editor = monaco.editor.create(host.current, {
          model: null,
          automaticLayout: true,
          fontSize: 13,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 2,
          fixedOverflowWidgets: true,
          renderLineHighlight: "line",
        });
        setApi({ monaco, editor });
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      disposed = true;
      editor?.dispose();
      for (const m of owned.values()) m.dispose();
      owned.clear();
    };
  }, []);

  // Models follow the set of paths; contents are read from props only when a model is created.
  React.useEffect(() => {
    if (!api) return;
    const { monaco } = api;
    const files = filesRef.current;
    for (const [path, model] of models.current) {
      if (!(path in files)) {
        model.dispose();
        models.current.delete(path);
      }
    }
    for (const [path, text] of Object.entries(files)) {
      if (models.current.has(path)) continue;
      const uri = fileUri(monaco, path);
      monaco.editor.getModel(uri)?.dispose();
      const model = monaco.editor.createModel(text, languageOf(path), uri);
      model.onDidChangeContent(() => onChangeRef.current(path, model.getValue()));
      models.current.set(path, model);
    }
  }, [api, pathsKey]);

  React.useEffect(() => {
    if (!api) return;
    const model = models.current.get(active) ?? null;
    if (api.editor.getModel() !== model) api.editor.setModel(model);
    api.editor.updateOptions({ readOnly: !!readOnly });
  }, [api, active, pathsKey, readOnly]);

  React.useEffect(() => {
    if (!api) return;
    const { monaco } = api;
    for (const [path, model] of models.current) {
      const mine = issues.filter((i) => i.file === path);
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        mine.map((i) => ({
          severity: monaco.MarkerSeverity.Error,
          message: i.text,
          source: "deploy",
          startLineNumber: Math.max(1, i.line),
          startColumn: Math.max(1, i.column),
          endLineNumber: Math.max(1, i.line),
          // At least one character wide so the squiggle is visible.
          endColumn: Math.max(i.column + 1, model.getLineMaxColumn(Math.min(Math.max(1, i.line), model.getLineCount()))),
        })),
      );
    }
  }, [api, issues, pathsKey]);

  React.useImperativeHandle(
    ref,
    () => ({
      async format() {
        await api?.editor.getAction("editor.action.formatDocument")?.run();
      },
      reveal(path, line, column) {
        if (!api) return;
        const model = models.current.get(path);
        if (model && api.editor.getModel() !== model) api.editor.setModel(model);
        api.editor.setPosition({ lineNumber: line, column });
        api.editor.revealLineInCenter(line);
        api.editor.focus();
      },
    }),
    [api],
  );

  return (
    <div className={cn("relative min-h-0", className)}>
      <div ref={host} data-testid="code-editor" className="absolute inset-0" />
      {!api && !failed ? <div className="absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">Loading the editor…</div> : null}
      {failed ? (
        <div role="alert" className="absolute inset-0 flex items-center justify-center p-6 text-sm text-destructive">
          The editor could not load: {failed}
        </div>
      ) : null}
    </div>
  );
});
