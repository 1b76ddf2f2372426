"use client";

import * as React from "react";
import { AlertTriangle, Play, TerminalSquare } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MethodSelect } from "@/components/ui/method-select";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/queries/fetch-json";
import { compileIssuesOf, type CompileIssue } from "@/lib/queries/functions/deploy-function";
import { useTestFunction, type TestResult, type TestTarget } from "@/lib/queries/functions/test-function";
import { cn } from "@/lib/utils";


/** "name: value" per line; blank lines are ignored, a line without ":" is reported. */
function parseHeaders(text: string): { headers: Record<string, string>; error?: string } {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { headers, error: `Line ${i + 1}: write headers as "name: value"` };
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { headers };
}

type Props = {
  tenant: string;
  fn: string;
  liveVersion: number | null;
  /** The editor's current files: the draft runs exactly as typed, saved or not. */
  files: () => { files: Record<string, string>; entry: string };
  /** A draft that does not compile: the workspace marks it in the editor. */
  onCompileIssues: (issues: CompileIssue[]) => void;
};

export function TestConsole({ tenant, fn, liveVersion, files, onCompileIssues }: Props) {
  const run = useTestFunction();
  const [target, setTarget] = React.useState<TestTarget>("draft");
  const [method, setMethod] = React.useState("GET");
  const [path, setPath] = React.useState("/");
  const [query, setQuery] = React.useState("");
  const [headerText, setHeaderText] = React.useState("");
  const [body, setBody] = React.useState("");
  const parsed = parseHeaders(headerText);
  const hasBody = method !== "GET" && method !== "HEAD";
  const error = run.error instanceof ApiError ? run.error : null;
  const issue = (field: string) => error?.issueFor(field);

  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (parsed.error) return;
    const draft = target === "draft" ? files() : undefined;
    run.mutate(
      { tenant, fn, target, method, path, query: query || undefined, headers: parsed.headers, body: hasBody && body ? body : undefined, ...draft },
      { onError: (err) => { const found = compileIssuesOf(err); if (found) onCompileIssues(found); } },
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" data-testid="test-console">
      <form
        className="grid content-start gap-4 rounded-lg border bg-background p-4 shadow-xs"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit(e);
        }}
      >
        <Field id="test-target" label="Run" className="sm:w-64">
          <Select value={target} onValueChange={(v) => setTarget(v as TestTarget)}>
            <SelectTrigger id="test-target" data-testid="test-target">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="draft" description="The editor's code, not deployed">Draft</SelectItem>
              <SelectItem value="live" disabled={liveVersion === null} description={liveVersion === null ? "Not deployed yet" : `Version ${liveVersion}`}>
                Live
              </SelectItem>
            </SelectContent>
          </Select>
        </Field>
        <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2">
          <Field id="test-method" label="Method" error={issue("method")}>
            <MethodSelect value={method} onChange={setMethod} id="test-method" data-testid="test-method" />
          </Field>
          <Field id="test-path" label="Path" error={issue("path")}>
            <Input {...fieldA11y("test-path", issue("path"))} value={path} onChange={(e) => setPath(e.target.value)} className="font-mono text-[13px]" placeholder="/" />
          </Field>
        </div>
        <Field id="test-query" label="Query" hint='For example "page=2&sort=name"' error={issue("query")}>
          <Input {...fieldA11y("test-query", issue("query"))} value={query} onChange={(e) => setQuery(e.target.value)} className="font-mono text-[13px]" placeholder="a=1&b=2" />
        </Field>
        <Field id="test-headers" label="Headers" hint='One per line: "name: value"' error={parsed.error ?? issue("headers")}>
          <Textarea
            {...fieldA11y("test-headers", parsed.error ?? issue("headers"))}
            value={headerText}
            onChange={(e) => setHeaderText(e.target.value)}
            rows={3}
            className="font-mono text-[13px]"
            placeholder={"accept: application/json\nx-country: BR"}
          />
        </Field>
        <Field id="test-body" label="Body" hint={hasBody ? undefined : `A ${method} request has no body`} error={issue("body")}>
          <Textarea {...fieldA11y("test-body", issue("body"))} value={body} onChange={(e) => setBody(e.target.value)} rows={5} disabled={!hasBody} className="font-mono text-[13px]" placeholder={hasBody ? '{"hello": "edge"}' : ""} />
        </Field>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={run.isPending || Boolean(parsed.error)} data-testid="test-run">
            <Play />
            {run.isPending ? "Running…" : "Send"}
          </Button>
          <span className="text-[13px] text-muted-foreground">Ctrl+Enter · runs once in a fresh isolate, never publicly routed</span>
        </div>
      </form>
      <div className="min-w-0" aria-live="polite">
        {run.isPending ? (
          <div role="status" className="rounded-lg border bg-background p-6 text-sm text-muted-foreground shadow-xs">
            Running {target === "draft" ? "the draft" : `live version ${liveVersion}`}…
          </div>
        ) : error ? (
          <RunError error={error} />
        ) : run.data ? (
          <ResultView result={run.data} />
        ) : (
          <EmptyState icon={TerminalSquare} title="Send a request to see the response">
            The status, headers, body, wall and CPU time and the <code className="font-mono text-xs">console.log</code> output of that one invocation appear here.
          </EmptyState>
        )}
      </div>
    </div>
  );
}

function RunError({ error }: { error: ApiError }) {
  const issues = compileIssuesOf(error);
  return (
    <div role="alert" className="grid gap-2 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="test-error">
      <div className="flex items-center gap-2 font-medium">
        <AlertTriangle className="size-4" />
        {issues ? "The draft does not compile" : "The test run failed"}
      </div>
      {issues?.length ? (
        <ul className="grid gap-1 font-mono text-[13px]">
          {issues.map((i, n) => (
            <li key={n}>
              {i.file}:{i.line}:{i.column}: {i.text}
            </li>
          ))}
        </ul>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  );
}

function statusVariant(status: number) {
  if (status >= 500) return "destructive" as const;
  if (status >= 400) return "warning" as const;
  return "success" as const;
}

function ResultView({ result }: { result: TestResult }) {
  const type = result.headers.find(([k]) => k === "content-type")?.[1] ?? "";
  const isHtml = /text\/html/i.test(type) && result.bodyEncoding === "utf8";
  return (
    <div className="grid gap-3 rounded-lg border bg-background p-4 shadow-xs" data-testid="test-result">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge variant={statusVariant(result.status)} data-testid="test-status">
          {result.status}
        </Badge>
        <span className="text-muted-foreground">
          wall <span className="font-medium text-foreground tabular-nums" data-testid="test-wall">{result.wallMs.toFixed(1)} ms</span>
        </span>
        <span className="text-muted-foreground">
          CPU <span className="font-medium text-foreground tabular-nums" data-testid="test-cpu">{result.cpuMs.toFixed(1)} ms</span>
        </span>
        <span className="text-muted-foreground">{result.target === "live" ? `live v${result.version}` : "draft"}</span>
        <span className="ml-auto font-mono text-xs text-muted-foreground">{result.requestId}</span>
      </div>
      <Tabs defaultValue={isHtml ? "preview" : "body"}>
        <TabsList>
          {isHtml ? <TabsTrigger value="preview">Preview</TabsTrigger> : null}
          <TabsTrigger value="body">Body</TabsTrigger>
          <TabsTrigger value="headers">Headers ({result.headers.length})</TabsTrigger>
        </TabsList>
        {isHtml ? (
          <TabsContent value="preview" className="pt-3">
            {/* No allow-scripts, no same-origin: the function's page cannot touch the console. */}
            <iframe title="HTML preview" sandbox="" srcDoc={result.body} className="h-80 w-full rounded-md border bg-white" data-testid="test-html-preview" />
          </TabsContent>
        ) : null}
        <TabsContent value="body" className="pt-3">
          <BodyView result={result} type={type} />
        </TabsContent>
        <TabsContent value="headers" className="pt-3">
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 font-mono text-[13px]">
            {result.headers.map(([k, v], i) => (
              <React.Fragment key={i}>
                <dt className="text-muted-foreground">{k}</dt>
                <dd className="break-all">{v}</dd>
              </React.Fragment>
            ))}
          </dl>
        </TabsContent>
      </Tabs>
      <section aria-label="Console output" className="grid gap-1">
        <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Console output ({result.logs.length})</h4>
        <ConsoleLines logs={result.logs} testId="test-logs" />
      </section>
    </div>
  );
}

function BodyView({ result, type }: { result: TestResult; type: string }) {
  let text = result.body;
  if (result.bodyEncoding === "base64") text = `(${result.bodyBytes} bytes of ${type || "binary data"}, shown as base64)\n${result.body}`;
  else if (/json/i.test(type)) {
    try {
      text = JSON.stringify(JSON.parse(result.body), null, 2);
    } catch {
      // Not valid JSON after all: show it as sent.
    }
  }
  return (
    <div className="grid gap-2">
      {result.truncated ? (
        <p className="text-[13px] text-amber-700">The body is longer than the test console shows; only its first {result.body.length.toLocaleString()} characters are here.</p>
      ) : null}
      {text ? (
        <pre className="max-h-96 overflow-auto rounded-md bg-muted/50 p-3 font-mono text-[13px] whitespace-pre-wrap break-all" data-testid="test-body">
          {text}
        </pre>
      ) : (
        <p className="text-[13px] text-muted-foreground" data-testid="test-body">(empty body)</p>
      )}
    </div>
  );
}

const LEVEL_CLASS: Record<string, string> = { error: "text-red-700", warn: "text-amber-700", info: "text-sky-700", debug: "text-muted-foreground", log: "" };

function ConsoleLines({ logs, testId }: { logs: TestResult["logs"]; testId?: string }) {
  if (logs.length === 0) return <p className="text-[13px] text-muted-foreground" data-testid={testId}>No console output.</p>;
  return (
    <ol className="max-h-64 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-[13px] text-zinc-100" data-testid={testId}>
      {logs.map((l, i) => (
        <li key={i} className={cn("flex gap-3 whitespace-pre-wrap break-all", LEVEL_CLASS[l.level] && `${LEVEL_CLASS[l.level]} brightness-150`)}>
          <span className="w-10 shrink-0 text-zinc-500">{l.level}</span>
          <span>
            {l.details?.kind === "startup" ? <span className="mr-2 text-zinc-500">(top level)</span> : null}
            {l.message}
            {typeof l.details?.stack === "string" ? `\n${l.details.stack}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
