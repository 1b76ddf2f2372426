"use client";

import * as React from "react";
import { GitBranch, Undo2, Rocket } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError } from "@/lib/queries/fetch-json";
import { useFinishRollout, useRollout, useSetRollout, type Rollout, type VersionStats } from "@/lib/queries/domains/rollout";
import { useVersions } from "@/lib/queries/functions/list-versions";
import { formatRelative } from "@/lib/utils";

const fmt = (n: number | null, unit = "") => (n === null ? "—" : `${Number(n.toFixed(2))}${unit}`);

type StickyKind = "runtime" | "cookie" | "header";

/** A version number picker ("v3"); `a11y` ties it to its Field's label and error. */
function VersionSelect({ value, onChange, versions, a11y }: { value: string; onChange: (v: string) => void; versions: number[]; a11y: ReturnType<typeof fieldA11y> }) {
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger className="w-28" {...a11y}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {versions.map((v) => (
          <SelectItem key={v} value={String(v)}>
            v{v}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** Splits a function's traffic between its live version and another one; compares them; promote or abort. */
export function RolloutPanel({ tenant, fn, canEdit }: { tenant: string; fn: string; canEdit: boolean }) {
  const status = useRollout(tenant, fn);
  const finish = useFinishRollout();
  const [confirm, setConfirm] = React.useState<"promote" | "abort" | null>(null);

  if (status.isPending) return <Skeleton className="h-32 w-full" />;
  if (status.isError) return <ErrorState title="Could not load the rollout" error={status.error} onRetry={() => status.refetch()} retrying={status.isFetching} />;
  const { rollout, comparison, liveVersion } = status.data;

  return (
    <div className="grid gap-4" data-testid="rollout-panel">
      {status.data.abortedReason ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The rollout was aborted automatically: {status.data.abortedReason}
        </p>
      ) : null}
      {rollout && comparison ? (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge variant="warning" dot>
              Rolling out
            </Badge>
            <span>
              Version <strong>{rollout.version}</strong> gets <strong>{rollout.percent}%</strong> of requests, version {rollout.baseVersion} the rest; sticky by{" "}
              {rollout.stickyBy ? <code className="font-mono text-xs">{rollout.stickyBy}</code> : "the runtime's cookie"}. Started {formatRelative(rollout.startedAt)}.
              {rollout.abortOnErrorRate !== null ? ` Aborts by itself when v${rollout.version}'s error rate exceeds v${rollout.baseVersion}'s by ${rollout.abortOnErrorRate} points.` : ""}
            </span>
          </div>
          <Comparison base={comparison.base} candidate={comparison.candidate} />
          {canEdit ? (
            <div className="flex flex-wrap items-end gap-2">
              <RolloutForm tenant={tenant} fn={fn} current={rollout} versions={[rollout.version]} />
              <Button onClick={() => setConfirm("promote")} data-testid="rollout-promote">
                <Rocket />
                Promote v{rollout.version}
              </Button>
              <Button variant="outline" onClick={() => setConfirm("abort")} data-testid="rollout-abort">
                <Undo2 />
                Abort
              </Button>
            </div>
          ) : null}
        </>
      ) : canEdit ? (
        liveVersion === null ? (
          <p className="text-sm text-muted-foreground">Deploy a version first; a rollout splits traffic between the live version and another one.</p>
        ) : (
          <StartRollout tenant={tenant} fn={fn} liveVersion={liveVersion} />
        )
      ) : (
        <p className="text-sm text-muted-foreground">No rollout in progress: version {liveVersion ?? "—"} serves every request.</p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "promote" ? `Promote version ${rollout?.version}?` : "Abort the rollout?"}
        description={confirm === "promote" ? `Version ${rollout?.version} becomes the live version for every request.` : `Every request goes back to version ${rollout?.baseVersion}.`}
        confirmLabel={confirm === "promote" ? "Promote" : "Abort rollout"}
        pending={finish.isPending}
        onConfirm={() => finish.mutateAsync({ tenant, fn, how: confirm! })}
      />
    </div>
  );
}

function Comparison({ base, candidate }: { base: VersionStats; candidate: VersionStats }) {
  const rows: [string, (s: VersionStats) => string][] = [
    ["Requests", (s) => String(s.requests)],
    ["Errors (5xx)", (s) => String(s.errors)],
    ["Error rate", (s) => fmt(s.errorRate, " %")],
    ["Latency p50", (s) => fmt(s.p50, " ms")],
    ["Latency p95", (s) => fmt(s.p95, " ms")],
  ];
  const worse = (candidate.errorRate ?? 0) > (base.errorRate ?? 0);
  return (
    <Table data-testid="rollout-comparison" className="max-w-xl">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Since the rollout started</TableHead>
          <TableHead>v{base.version} (live)</TableHead>
          <TableHead>v{candidate.version} (new)</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([label, get]) => (
          <TableRow key={label}>
            <TableCell className="text-muted-foreground">{label}</TableCell>
            <TableCell className="tabular-nums">{get(base)}</TableCell>
            <TableCell className={label === "Error rate" && worse ? "font-medium text-destructive tabular-nums" : "tabular-nums"}>{get(candidate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function StartRollout({ tenant, fn, liveVersion }: { tenant: string; fn: string; liveVersion: number }) {
  const versions = useVersions(tenant, fn);
  if (versions.isPending) return <Skeleton className="h-16 w-full" />;
  const all = (versions.data ?? []).map((v) => v.number).sort((a, b) => b - a);
  if (all.length < 2) return <p className="text-sm text-muted-foreground">Version {liveVersion} is the only version. Deploy another one, then roll it out here.</p>;
  // Just deployed the newest? Ramp it up from the one before; otherwise ramp the newest up from the live one.
  const newest = all[0]!;
  const initial = newest === liveVersion ? { version: newest, base: all[1]! } : { version: newest, base: liveVersion };
  return <RolloutForm tenant={tenant} fn={fn} versions={all} initial={initial} liveVersion={liveVersion} />;
}

function RolloutForm({ tenant, fn, versions, current, initial, liveVersion }: { tenant: string; fn: string; versions: number[]; current?: Rollout; initial?: { version: number; base: number }; liveVersion?: number }) {
  const set = useSetRollout();
  const [version, setVersion] = React.useState(String(current?.version ?? initial?.version ?? versions[0]));
  const [base, setBase] = React.useState(String(current?.baseVersion ?? initial?.base ?? liveVersion ?? ""));
  const [percent, setPercent] = React.useState(String(current?.percent ?? 10));
  const [kind, setKind] = React.useState<StickyKind>(current?.stickyBy ? (current.stickyBy.split(":")[0] as StickyKind) : "runtime");
  const [name, setName] = React.useState(current?.stickyBy?.split(":").slice(1).join(":") ?? "");
  const [threshold, setThreshold] = React.useState(current?.abortOnErrorRate != null ? String(current.abortOnErrorRate) : "");
  const err = set.error instanceof ApiError ? set.error : null;
  const e = (f: string) => err?.issueFor(f);
  const id = (s: string) => `rollout-${fn}-${s}`;

  function submit(ev: React.FormEvent) {
    ev.preventDefault();
    set.mutate({
      tenant,
      fn,
      input: {
        version: Number(version),
        ...(current ? {} : { baseVersion: Number(base) }),
        percent: Number(percent),
        stickyBy: kind === "runtime" ? null : `${kind}:${name.trim()}`,
        abortOnErrorRate: threshold.trim() === "" ? null : Number(threshold),
      },
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" data-testid="rollout-form">
      {current ? null : (
        <>
          <Field id={id("version")} label="New version" error={e("version")}>
            <VersionSelect value={version} onChange={setVersion} versions={versions} a11y={fieldA11y(id("version"), e("version"))} />
          </Field>
          <Field id={id("base")} label="The rest on" error={e("baseVersion")} hint={Number(base) !== liveVersion ? `becomes live instead of v${liveVersion}` : "the live version"}>
            <VersionSelect value={base} onChange={setBase} versions={versions.filter((v) => String(v) !== version)} a11y={fieldA11y(id("base"), e("baseVersion"))} />
          </Field>
        </>
      )}
      <Field id={id("percent")} label="Share of requests (%)" error={e("percent")}>
        <Input {...fieldA11y(id("percent"), e("percent"))} className="w-28" inputMode="decimal" value={percent} onChange={(x) => setPercent(x.target.value)} />
      </Field>
      {current ? null : (
        <>
          <Field id={id("sticky")} label="Sticky by" error={e("stickyBy")}>
            <div className="flex gap-2">
              <Select value={kind} onValueChange={(v) => setKind(v as StickyKind)}>
                <SelectTrigger className="w-40" {...fieldA11y(id("sticky"), e("stickyBy"))}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="runtime">Runtime cookie</SelectItem>
                  <SelectItem value="cookie">Your cookie</SelectItem>
                  <SelectItem value="header">A header</SelectItem>
                </SelectContent>
              </Select>
              {kind !== "runtime" ? <Input aria-label="Cookie or header name" className="w-36 font-mono" placeholder={kind === "header" ? "x-user-id" : "session"} value={name} onChange={(x) => setName(x.target.value)} /> : null}
            </div>
          </Field>
          <Field id={id("threshold")} label="Abort above (points)" error={e("abortOnErrorRate")} hint="Optional">
            <Input {...fieldA11y(id("threshold"), e("abortOnErrorRate"))} className="w-28" inputMode="decimal" placeholder="e.g. 5" value={threshold} onChange={(x) => setThreshold(x.target.value)} />
          </Field>
        </>
      )}
      <div className="pt-6">
        <Button type="submit" variant={current ? "outline" : "default"} loading={set.isPending}>
          <GitBranch />
          {current ? "Update share" : "Start rollout"}
        </Button>
      </div>
    </form>
  );
}
