"use client";

import * as React from "react";
import Link from "next/link";
import { Code2, Plus } from "lucide-react";
import { hasRole, useCurrentTenant } from "@/components/console/tenant-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useFunctions } from "@/lib/queries/functions/list-functions";
import { cn, formatDateTime, formatRelative } from "@/lib/utils";
import { functionUrl, type RuntimeAddress } from "./function-url";
import { NewFunctionDialog } from "./new-function-dialog";

export function FunctionsList({ tenant, runtime }: { tenant: string; runtime: RuntimeAddress }) {
  const fns = useFunctions(tenant);
  const me = useCurrentTenant();
  const canCreate = hasRole(me.role, "developer") && me.status === "active";
  const [creating, setCreating] = React.useState(false);
  const newButton = canCreate ? (
    <Button onClick={() => setCreating(true)} data-testid="new-function">
      <Plus />
      New function
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (fns.isPending) body = <TableSkeleton rows={3} columns={4} />;
  else if (fns.isError) body = <ErrorState title="Could not load your functions" error={fns.error} onRetry={() => fns.refetch()} retrying={fns.isFetching} />;
  else if (fns.data.length === 0)
    body = (
      <EmptyState icon={Code2} title="No functions yet" action={newButton}>
        A function is a <code className="font-mono text-xs">fetch(request, env, ctx)</code> handler that runs in its own V8 isolate on every runtime node. Start from a
        template (hello world, JSON API, redirects, A/B tests, proxies, signed cookies) and it is live at its own URL in milliseconds.
        {canCreate ? null : " You need the developer role to create one."}
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="functions-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Name</TableHead>
            <TableHead>Default URL</TableHead>
            <TableHead>Live</TableHead>
            <TableHead>Last deploy</TableHead>
            <TableHead className="text-right">Last 24 h</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {fns.data.map((f) => {
            const url = functionUrl(f.name, tenant, runtime);
            return (
              <TableRow key={f.id} data-testid={`function-row-${f.name}`}>
                <TableCell>
                  <Link href={`/${tenant}/functions/${f.name}`} className="font-medium text-foreground hover:underline">
                    {f.name}
                  </Link>
                  {f.description ? <p className="max-w-56 truncate text-xs text-muted-foreground" title={f.description}>{f.description}</p> : null}
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-1">
                    <a href={url} target="_blank" rel="noreferrer" className="max-w-72 truncate font-mono text-xs text-muted-foreground hover:text-foreground hover:underline" title={url}>
                      {url}
                    </a>
                    <CopyButton value={url} label={`Copy URL of ${f.name}`} variant="ghost" />
                  </div>
                </TableCell>
                <TableCell>{f.liveVersion ? <Badge variant="success" dot>v{f.liveVersion}</Badge> : <Badge variant="outline">Not deployed</Badge>}</TableCell>
                <TableCell className="text-muted-foreground">
                  {f.lastDeploy ? (
                    <div title={formatDateTime(f.lastDeploy.at)}>
                      <p className="whitespace-nowrap text-foreground">{formatRelative(f.lastDeploy.at)}</p>
                      <p className="text-xs">
                        v{f.lastDeploy.version} by {f.lastDeploy.byName ?? f.lastDeploy.byEmail ?? "a former member"}
                      </p>
                    </div>
                  ) : (
                    "Never"
                  )}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  <p>
                    <span data-testid={`function-invocations-${f.name}`}>{f.last24h.invocations.toLocaleString()}</span> {f.last24h.invocations === 1 ? "invocation" : "invocations"}
                  </p>
                  <p className={cn("text-xs", f.last24h.errors > 0 ? "font-medium text-red-700" : "text-muted-foreground")}>
                    <span data-testid={`function-errors-${f.name}`}>{f.last24h.errors.toLocaleString()}</span> {f.last24h.errors === 1 ? "error" : "errors"}
                  </p>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );

  return (
    <>
      <PageHeader
        title="Functions"
        description="JavaScript and TypeScript handlers that run in their own V8 isolate on every runtime node."
        actions={fns.isSuccess && fns.data.length > 0 ? newButton : null}
      />
      {body}
      <NewFunctionDialog tenant={tenant} open={creating} onOpenChange={setCreating} />
    </>
  );
}
