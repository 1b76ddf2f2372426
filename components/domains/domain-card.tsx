"use client";

import * as React from "react";
import { Globe, ShieldCheck, Trash2 } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDeleteDomain } from "@/lib/queries/domains/delete-domain";
import { useDeleteRoute } from "@/lib/queries/domains/delete-route";
import type { DomainView, RouteView } from "@/lib/queries/domains/types";
import { useVerifyDomain } from "@/lib/queries/domains/verify-domain";
import { formatRelative } from "@/lib/utils";
import { OverlapList } from "./overlap-list";
import { RouteForm } from "./route-form";

export function DomainCard({ tenant, domain, functions, canEdit }: { tenant: string; domain: DomainView; functions: string[]; canEdit: boolean }) {
  const verify = useVerifyDomain();
  const del = useDeleteDomain();
  const delRoute = useDeleteRoute();
  const [deleting, setDeleting] = React.useState(false);
  const [detaching, setDetaching] = React.useState<RouteView | null>(null);
  const h = domain.hostname;

  return (
    <Card data-testid={`domain-${h}`}>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-2">
          <Globe className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <h3 className="truncate font-mono text-[15px] font-semibold">{h}</h3>
          {domain.verified ? (
            <Badge variant="success" dot title={domain.verifiedBy === "auto" ? "Names under .localhost are verified automatically" : `Verified by ${domain.verifiedBy}`}>
              Verified
            </Badge>
          ) : (
            <Badge variant="warning" dot>
              Not verified: does not serve
            </Badge>
          )}
          {domain.wildcard ? <Badge variant="outline">wildcard</Badge> : null}
        </div>
        {canEdit ? (
          <div className="flex items-center gap-2">
            {!domain.verified ? (
              <Button size="sm" variant="outline" loading={verify.isPending} onClick={() => verify.mutate({ tenant, hostname: h })}>
                <ShieldCheck />
                Verify now
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" className="hover:text-destructive" aria-label={`Delete ${h}`} onClick={() => setDeleting(true)}>
              <Trash2 />
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {!domain.verified ? (
          <div className="grid gap-2 rounded-md border border-amber-200 bg-amber-50/50 p-3 text-sm">
            <p>
              Prove you control this name: add a <strong>TXT</strong> record, then press <em>Verify now</em>.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              <CopyField value={domain.verification.name} label="Copy record name" />
              <CopyField value={domain.verification.value} label="Copy record value" testId={`txt-${h}`} />
            </div>
            {domain.lastCheckError ? (
              <p className="text-[13px] text-muted-foreground">
                Last check {domain.lastCheckAt ? formatRelative(domain.lastCheckAt) : ""}: {domain.lastCheckError}
              </p>
            ) : null}
          </div>
        ) : null}
        {domain.routeList.length === 0 ? (
          <p className="text-sm text-muted-foreground">No routes yet: requests to this hostname answer 404 until a path pattern points at a function.</p>
        ) : (
          <Table data-testid={`routes-${h}`}>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="w-12">Order</TableHead>
                <TableHead>Pattern</TableHead>
                <TableHead>Methods</TableHead>
                <TableHead>Function</TableHead>
                <TableHead className="w-16">Priority</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {domain.routeList.map((r) => (
                <TableRow key={r.id} data-testid={`route-${r.pattern}`}>
                  <TableCell className="text-muted-foreground tabular-nums">{r.order}</TableCell>
                  <TableCell>
                    <code className="font-mono text-[13px]">{r.pattern}</code>
                    {r.overlaps.length > 0 ? (
                      <div className="mt-1">
                        <OverlapList overlaps={r.overlaps} />
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-[13px]">{r.methods ? r.methods.join(", ") : <span className="text-muted-foreground">all</span>}</TableCell>
                  <TableCell className="font-mono text-[13px]">{r.function}</TableCell>
                  <TableCell className="tabular-nums">{r.priority}</TableCell>
                  <TableCell className="text-right">
                    {canEdit ? (
                      <Button variant="ghost" size="icon-sm" aria-label={`Detach ${r.pattern}`} className="hover:text-destructive" onClick={() => setDetaching(r)}>
                        <Trash2 />
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canEdit ? (
          functions.length > 0 ? (
            <RouteForm tenant={tenant} hostname={h} functions={functions} />
          ) : (
            <p className="text-sm text-muted-foreground">Create a function first; routes point at functions.</p>
          )
        ) : null}
      </CardContent>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${h}?`}
        description={`Its ${domain.routeList.length} route(s) are detached and the runtime stops answering for this hostname. Another tenant may claim it afterwards.`}
        confirmLabel="Delete domain"
        confirmText={h}
        pending={del.isPending}
        onConfirm={() => del.mutateAsync({ tenant, hostname: h })}
      />
      <ConfirmDialog
        open={detaching !== null}
        onOpenChange={(o) => !o && setDetaching(null)}
        title={`Detach ${detaching?.pattern ?? "route"}?`}
        description="Requests it served answer 404 (or fall to the next matching route) within a second."
        confirmLabel="Detach"
        pending={delRoute.isPending}
        onConfirm={() => delRoute.mutateAsync({ tenant, hostname: h, id: detaching!.id, pattern: detaching!.pattern })}
      />
    </Card>
  );
}
