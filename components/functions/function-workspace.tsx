"use client";

import * as React from "react";
import Link from "next/link";
import { Activity, ChevronLeft, Code2, History, KeyRound, Link2, Rocket, ScrollText, TerminalSquare, WandSparkles } from "lucide-react";
import { CodeEditor, type CodeEditorHandle } from "@/components/editor/code-editor";
import { FunctionMetricsPanel } from "@/components/observability/function-metrics-panel";
import { LogsPanel } from "@/components/observability/logs-panel";
import { hasRole, useCurrentTenant } from "@/components/console/tenant-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { compileIssuesOf, startupOutputOf, useDeployFunction, type CompileIssue, type StartupLine } from "@/lib/queries/functions/deploy-function";
import { useDraft, type Draft } from "@/lib/queries/functions/get-draft";
import { useFunction, type FunctionDetail } from "@/lib/queries/functions/get-function";
import { CompileErrors } from "./compile-errors";
import { DeployDialog } from "./deploy-dialog";
import { FileTabs } from "./file-tabs";
import { functionUrl, type RuntimeAddress } from "./function-url";
import { SaveStatusBadge } from "./save-status";
import { TestConsole } from "./test-console";
import { TriggerPanel } from "./trigger-panel";
import { useAutosave } from "./use-autosave";
import { VariablesPanel } from "./variables-panel";
import { VersionsPanel } from "./versions-panel";

export function FunctionWorkspace({ tenant, fn, runtime }: { tenant: string; fn: string; runtime: RuntimeAddress }) {
  const detail = useFunction(tenant, fn);
  const draft = useDraft(tenant, fn);
  if (detail.isError) return <ErrorState title={`Could not load function ${fn}`} error={detail.error} onRetry={() => detail.refetch()} retrying={detail.isFetching} />;
  if (draft.isError) return <ErrorState title="Could not load the draft" error={draft.error} onRetry={() => draft.refetch()} retrying={draft.isFetching} />;
  if (detail.isPending || draft.isPending)
    return (
      <div className="grid gap-4" role="status" aria-label="Loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-[60vh] w-full" />
      </div>
    );
  return <Workspace tenant={tenant} fn={detail.data} initial={draft.data} runtime={runtime} />;
}

function Workspace({ tenant, fn, initial, runtime }: { tenant: string; fn: FunctionDetail; initial: Draft; runtime: RuntimeAddress }) {
  const me = useCurrentTenant();
  const canEdit = hasRole(me.role, "developer") && me.status === "active";
  const [files, setFiles] = React.useState(initial.files);
  const [entry, setEntry] = React.useState(initial.entry);
  const [active, setActive] = React.useState(initial.entry in initial.files ? initial.entry : Object.keys(initial.files)[0]!);
  const [issues, setIssues] = React.useState<CompileIssue[]>([]);
  const [startupOutput, setStartupOutput] = React.useState<StartupLine[]>([]);
  const [deploying, setDeploying] = React.useState(false);
  const [tab, setTab] = React.useState("code");
  const editor = React.useRef<CodeEditorHandle>(null);
  const { status, savedAt, saver } = useAutosave({ tenant, fn: fn.name, initial, enabled: canEdit });
  const deploy = useDeployFunction();

  // The latest text, for handlers; React state drives rendering, these refs drive saving.
  const filesRef = React.useRef(files);
  const entryRef = React.useRef(entry);
  const update = (nextFiles: Record<string, string>, nextEntry = entryRef.current) => {
    filesRef.current = nextFiles;
    entryRef.current = nextEntry;
    setFiles(nextFiles);
    setEntry(nextEntry);
    saver.change({ files: nextFiles, entry: nextEntry });
  };
  // Monaco calls this on every keystroke.
  const onChange = React.useCallback(
    (path: string, value: string) => {
      const next = { ...filesRef.current, [path]: value };
      filesRef.current = next;
      setFiles(next);
      saver.change({ files: next, entry: entryRef.current });
    },
    [saver],
  );

  function rename(from: string, to: string) {
    const next = Object.fromEntries(Object.entries(filesRef.current).map(([p, t]) => [p === from ? to : p, t]));
    update(next, entry === from ? to : entry);
    if (active === from) setActive(to);
  }
  function remove(path: string) {
    const next = { ...filesRef.current };
    delete next[path];
    update(next);
    if (active === path) setActive(entry);
  }

  function dismissIssues() {
    setIssues([]);
    setStartupOutput([]);
  }

  function runDeploy(message: string) {
    dismissIssues();
    deploy.mutate(
      { tenant, fn: fn.name, files, entry, message },
      {
        onSuccess: () => setDeploying(false),
        onError: (err) => {
          const found = compileIssuesOf(err);
          if (found) {
            setDeploying(false);
            setIssues(found);
            setStartupOutput(startupOutputOf(err));
            setTab("code");
            const first = found[0];
            if (first && first.file in files) setTimeout(() => editor.current?.reveal(first.file, first.line, first.column), 0);
          }
        },
      },
    );
  }

  const url = functionUrl(fn.name, tenant, runtime);

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button asChild variant="ghost" size="icon-sm" aria-label="All functions">
          <Link href={`/${tenant}/functions`}>
            <ChevronLeft />
          </Link>
        </Button>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="function-name">{fn.name}</h1>
        {fn.liveVersion ? (
          <Badge variant="success" dot data-testid="function-live-version">Live: v{fn.liveVersion}</Badge>
        ) : (
          <Badge variant="outline" data-testid="function-live-version">Not deployed</Badge>
        )}
        <div className="ml-auto flex items-center gap-2">
          {canEdit ? <SaveStatusBadge status={status} savedAt={savedAt} /> : <Badge variant="outline">Read-only (viewer)</Badge>}
          <Button variant="outline" size="sm" onClick={() => { setTab("code"); void editor.current?.format(); }} title="Format document (Shift+Alt+F)">
            <WandSparkles />
            Format
          </Button>
          {canEdit ? (
            <Button size="sm" onClick={() => setDeploying(true)} data-testid="deploy">
              <Rocket />
              Deploy
            </Button>
          ) : null}
        </div>
      </div>
      {status === "conflict" ? (
        <div role="alert" className="flex items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This draft changed elsewhere since you opened it (another tab or another member saved it). Autosave is paused so that neither version is lost: copy what you need, then reload to get the latest draft.
          <Button variant="outline" size="sm" className="ml-auto bg-background" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      ) : null}
      <Tabs value={tab} onValueChange={setTab}>
        <TabsList>
          <TabsTrigger value="code"><Code2 />Code</TabsTrigger>
          <TabsTrigger value="versions"><History />Versions</TabsTrigger>
          <TabsTrigger value="variables"><KeyRound />Variables &amp; secrets</TabsTrigger>
          <TabsTrigger value="trigger"><Link2 />Trigger</TabsTrigger>
          <TabsTrigger value="test"><TerminalSquare />Test console</TabsTrigger>
          <TabsTrigger value="metrics"><Activity />Metrics</TabsTrigger>
          <TabsTrigger value="logs"><ScrollText />Logs</TabsTrigger>
        </TabsList>
        {/* Always mounted: switching tabs must not tear down Monaco and its undo history. */}
        <TabsContent value="code" forceMount className="data-[state=inactive]:hidden">
          <div className="flex h-[calc(100vh-15rem)] min-h-96 flex-col overflow-hidden rounded-lg border bg-background shadow-xs">
            <FileTabs
              paths={Object.keys(files)}
              active={active}
              entry={entry}
              readOnly={!canEdit}
              onSelect={setActive}
              onAdd={(p) => {
                update({ ...filesRef.current, [p]: p.endsWith(".json") ? "{}\n" : "" });
                setActive(p);
              }}
              onRename={rename}
              onDelete={remove}
              onSetEntry={(p) => update(filesRef.current, p)}
            />
            <CodeEditor ref={editor} files={files} active={active} readOnly={!canEdit} issues={issues} onChange={onChange} className="flex-1" />
            <CompileErrors issues={issues} output={startupOutput} onJump={(i) => editor.current?.reveal(i.file, i.line, i.column)} onDismiss={dismissIssues} />
          </div>
        </TabsContent>
        <TabsContent value="versions">
          <VersionsPanel tenant={tenant} fn={fn.name} canDeploy={canEdit} />
        </TabsContent>
        <TabsContent value="variables">
          <VariablesPanel tenant={tenant} fn={fn.name} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="trigger">
          <TriggerPanel url={url} live={fn.liveVersion !== null} tenant={tenant} fn={fn.name} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="test">
          {canEdit ? (
            <TestConsole
              tenant={tenant}
              fn={fn.name}
              liveVersion={fn.liveVersion}
              files={() => ({ files: filesRef.current, entry: entryRef.current })}
              onCompileIssues={setIssues}
            />
          ) : (
            <EmptyState icon={TerminalSquare} title="The test console needs the developer role">
              It runs code on the runtime; viewers can call the live function at its URL (see the Trigger tab).
            </EmptyState>
          )}
        </TabsContent>
        <TabsContent value="metrics">
          <FunctionMetricsPanel tenant={tenant} fn={fn.name} />
        </TabsContent>
        <TabsContent value="logs">
          <LogsPanel tenant={tenant} fn={fn.name} />
        </TabsContent>
      </Tabs>
      <DeployDialog
        tenant={tenant}
        fn={fn.name}
        liveVersion={fn.liveVersion}
        files={files}
        entry={entry}
        open={deploying}
        pending={deploy.isPending}
        onOpenChange={setDeploying}
        onDeploy={runDeploy}
      />
    </div>
  );
}
