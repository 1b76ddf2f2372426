"use client";

import * as React from "react";
import { KeyRound, Plus, Trash2 } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { useTokens, type ApiToken } from "@/lib/queries/tokens/list-tokens";
import { useRevokeToken } from "@/lib/queries/tokens/revoke-token";
import { formatDate, formatDateTime, formatRelative, isPast } from "@/lib/utils";
import { CreateTokenDialog } from "./create-token-dialog";

function Expiry({ at }: { at: string | null }) {
  if (!at) return <span className="text-muted-foreground">Never</span>;
  if (isPast(at)) return <Badge variant="destructive">Expired {formatDate(at)}</Badge>;
  return <span title={formatDateTime(at)}>{formatDate(at)}</span>;
}

export function TokensSettings() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = React.useState<ApiToken | null>(null);
  const [creating, setCreating] = React.useState(false);
  const createButton = (
    <Button size="sm" onClick={() => setCreating(true)}>
      <Plus />
      Create token
    </Button>
  );

  let body: React.ReactNode;
  if (tokens.isPending) body = <TableSkeleton rows={2} columns={5} />;
  else if (tokens.isError) body = <ErrorState title="Could not load your tokens" error={tokens.error} onRetry={() => tokens.refetch()} retrying={tokens.isFetching} />;
  else if (tokens.data.length === 0)
    body = (
      <EmptyState icon={KeyRound} title="No API tokens yet" action={createButton}>
        Tokens let scripts, CI jobs and the CLI call the REST API as you, for example to deploy functions.
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="tokens-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Name</TableHead>
            <TableHead>Token</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.data.map((t) => (
            <TableRow key={t.id} data-testid={`token-row-${t.name}`}>
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell>
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">{t.prefix}…</code>
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDate(t.createdAt)}</TableCell>
              <TableCell className="text-muted-foreground">
                {t.lastUsedAt ? <span title={formatDateTime(t.lastUsedAt)}>{formatRelative(t.lastUsedAt)}</span> : "Never"}
              </TableCell>
              <TableCell>
                <Expiry at={t.expiresAt} />
              </TableCell>
              <TableCell className="text-right">
                <Tooltip content="Revoke token">
                  <Button variant="ghost" size="icon-sm" aria-label={`Revoke token ${t.name}`} onClick={() => setRevoking(t)} className="hover:text-destructive">
                    <Trash2 />
                  </Button>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <section className="grid gap-4">
      <div className="flex items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 className="text-base font-semibold">Your API tokens</h2>
          <p className="max-w-2xl text-sm text-muted-foreground">
            Personal tokens for the REST API. They belong to you, not to this tenant, and carry your role in every tenant you are a member of.
          </p>
        </div>
        {tokens.isSuccess && tokens.data.length > 0 ? createButton : null}
      </div>
      {body}
      <CreateTokenDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={`Revoke ${revoking?.name ?? "token"}?`}
        description="Anything using this token gets 401 Unauthorized from now on. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        onConfirm={() => revoke.mutateAsync(revoking!.id)}
      />
    </section>
  );
}
