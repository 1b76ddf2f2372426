"use client";

import * as React from "react";
import { History, RotateCcw } from "lucide-react";
import { DiffEditor } from "@/components/editor/diff-editor";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useVersion } from "@/lib/queries/functions/get-version";
import { useVersions, type VersionSummary } from "@/lib/queries/functions/list-versions";
import { useRollbackFunction } from "@/lib/queries/functions/rollback-function";
import { useMembers } from "@/lib/queries/members/list-members";
import { formatDateTime, formatRelative } from "@/lib/utils";

export function VersionsPanel({ tenant, fn, canDeploy }: { tenant: string; fn: string; canDeploy: boolean }) {
  const versions = useVersions(tenant, fn);
  const members = useMembers(tenant);
  const rollback = useRollbackFunction();
  const [target, setTarget] = React.useState<VersionSummary | null>(null);
  const names = new Map((members.data ?? []).map((m) => [m.userId, m.name || m.email]));

  if (versions.isPending) return <TableSkeleton rows={3} columns={5} />;
  if (versions.isError) return <ErrorState title="Could not load the versions" error={versions.error} onRetry={() => versions.refetch()} retrying={versions.isFetching} />;
  if (versions.data.length === 0)
    return (
      <EmptyState icon={History} title="No versions yet">
        Every deploy creates an immutable version here; you can compare any two and roll back in one click.
      </EmptyState>
    );

  return (
    <div className="grid gap-6">
      <Table data-testid="versions-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Version</TableHead>
            <TableHead>Message</TableHead>
            <TableHead>Author</TableHead>
            <TableHead>Deployed</TableHead>
            <TableHead className="w-32">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.data.map((v) => (
            <TableRow key={v.number} data-testid={`version-row-${v.number}`}>
              <TableCell className="font-medium">
                <span className="flex items-center gap-2">
                  v{v.number}
                  {v.live ? (
                    <Badge variant="success" dot data-testid="live-badge">
                      Live
                    </Badge>
                  ) : null}
                </span>
              </TableCell>
              <TableCell className="max-w-md truncate">{v.message || <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell className="text-muted-foreground">{v.authorId && names.get(v.authorId) ? names.get(v.authorId) : members.isSuccess ? "Former member" : "…"}</TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(v.createdAt)}>
                {formatRelative(v.createdAt)}
              </TableCell>
              <TableCell className="text-right">
                {!v.live && canDeploy ? (
                  <Button variant="outline" size="sm" onClick={() => setTarget(v)} aria-label={`Roll back to version ${v.number}`}>
                    <RotateCcw />
                    Roll back
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <VersionDiff tenant={tenant} fn={fn} versions={versions.data} />
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(o) => !o && setTarget(null)}
        title={`Roll back to version ${target?.number ?? ""}?`}
        description="Version traffic switches on every runtime node within moments. Nothing is recompiled and your draft stays as it is."
        confirmLabel="Roll back"
        pending={rollback.isPending}
        onConfirm={() => rollback.mutateAsync({ tenant, fn, version: target!.number })}
      />
    </div>
  );
}

function VersionDiff({ tenant, fn, versions }: { tenant: string; fn: string; versions: VersionSummary[] }) {
  const newest = versions[0]!.number;
  const [from, setFrom] = React.useState(versions[1]?.number ?? newest);
  const [to, setTo] = React.useState(newest);
  const a = useVersion(tenant, fn, from);
  const b = useVersion(tenant, fn, to);
  const paths = [...new Set([...Object.keys(a.data?.files ?? {}), ...Object.keys(b.data?.files ?? {})])].sort();
  const [picked, setPicked] = React.useState<string | null>(null);
  const file = picked && paths.includes(picked) ? picked : (b.data?.entry ?? paths[0] ?? null);
  const pick = (value: string, set: (n: number) => void) => set(Number(value));

  return (
    <section className="grid gap-3" aria-label="Compare versions">
      <div className="flex flex-wrap items-end gap-3">
        <h3 className="mr-auto text-base font-semibold">Compare versions</h3>
        <div className="grid gap-1">
          <Label htmlFor="diff-from" className="text-xs text-muted-foreground">From</Label>
          <Select value={String(from)} onValueChange={(v) => pick(v, setFrom)}>
            <SelectTrigger id="diff-from" size="sm" className="w-28"><SelectValue /></SelectTrigger>
            <SelectContent>{versions.map((v) => <SelectItem key={v.number} value={String(v.number)}>v{v.number}</SelectItem>)}</SelectContent>
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="diff-to" className="text-xs text-muted-foreground">To</Label>
          <Select value={String(to)} onValueChange={(v) => pick(v, setTo)}>
            <SelectTrigger id="diff-to" size="sm" className="w-28"><SelectValue /></SelectTrigger>
            <SelectContent>{versions.map((v) => <SelectItem key={v.number} value={String(v.number)}>v{v.number}</SelectItem>)}</SelectContent>
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="diff-file" className="text-xs text-muted-foreground">File</Label>
          <Select value={file ?? ""} onValueChange={setPicked}>
            <SelectTrigger id="diff-file" size="sm" className="w-48 font-mono"><SelectValue placeholder="File" /></SelectTrigger>
            <SelectContent>{paths.map((p) => <SelectItem key={p} value={p} className="font-mono">{p}</SelectItem>)}</SelectContent>
          </Select>
        </div>
      </div>
      {a.isError || b.isError ? (
        <ErrorState title="Could not load a version" error={a.error ?? b.error} />
      ) : a.data && b.data && file ? (
        <DiffEditor path={file} original={a.data.files[file] ?? ""} modified={b.data.files[file] ?? ""} className="h-80" />
      ) : (
        <div className="h-80 rounded-lg border bg-muted/30" />
      )}
    </section>
  );
}
