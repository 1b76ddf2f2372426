"use client";

import * as React from "react";
import { Layers, Pencil, Plus } from "lucide-react";
import { cpu, money, num } from "@/components/billing/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { usePlans } from "@/lib/queries/plans/list-plans";
import type { Plan } from "@/lib/queries/plans/types";
import { PlanDialog } from "./plan-dialog";

export function PlansAdmin() {
  const plans = usePlans();
  // `undefined`: closed; null: creating; a plan: editing it.
  const [editing, setEditing] = React.useState<Plan | null | undefined>(undefined);

  let body: React.ReactNode;
  if (plans.isPending) body = <TableSkeleton rows={3} columns={8} />;
  else if (plans.isError) body = <ErrorState title="Could not load plans" error={plans.error} onRetry={() => plans.refetch()} retrying={plans.isFetching} />;
  else if (plans.data.length === 0) body = <EmptyState icon={Layers} title="No plans" />;
  else
    body = (
      <Table data-testid="plans-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Plan</TableHead>
            <TableHead className="text-right">Price</TableHead>
            <TableHead className="text-right">Included</TableHead>
            <TableHead className="text-right">Beyond, per million</TableHead>
            <TableHead>Limits</TableHead>
            <TableHead className="text-right">Tenants</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Edit</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {plans.data.map((p) => (
            <TableRow key={p.id} data-testid={`plan-row-${p.id}`}>
              <TableCell>
                <div className="font-medium">{p.name}</div>
                <code className="font-mono text-xs text-muted-foreground">{p.id}</code>
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{money(p.monthlyPriceMinor, p.currency)} / mo</TableCell>
              <TableCell className="text-right text-sm whitespace-nowrap tabular-nums">
                {num(p.includedRequests)} req
                <div className="text-xs text-muted-foreground">{cpu(p.includedCpuMs)} CPU</div>
              </TableCell>
              <TableCell className="text-right text-sm whitespace-nowrap tabular-nums">
                {p.overage ? (
                  <>
                    {money(p.pricePerMillionRequestsMinor, p.currency)} req
                    <div className="text-xs text-muted-foreground">{money(p.pricePerMillionCpuMsMinor, p.currency)} CPU-ms</div>
                  </>
                ) : (
                  <Badge variant="warning">stops at allowance</Badge>
                )}
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">
                {p.cpuMsPerRequest} ms CPU · {p.memoryMb} MB · {p.subrequests} subreq · {p.maxFunctions} functions · {p.maxDomains} domains · {p.logRetentionDays} d logs
                {p.spendCapMinor !== null ? ` · cap ${money(p.spendCapMinor, p.currency)}` : ""}
              </TableCell>
              <TableCell className="text-right tabular-nums">{p.tenants ?? 0}</TableCell>
              <TableCell>
                <Button variant="ghost" size="icon-sm" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                  <Pencil />
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <>
      <PageHeader
        title="Plans"
        description="What tenants pay and may use. Editing a plan applies its limits to every tenant on it on their next request."
        actions={
          <Button onClick={() => setEditing(null)}>
            <Plus />
            New plan
          </Button>
        }
      />
      {body}
      {editing !== undefined ? <PlanDialog key={editing?.id ?? "new"} plan={editing} open onOpenChange={(o) => !o && setEditing(undefined)} /> : null}
    </>
  );
}
