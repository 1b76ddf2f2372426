"use client";

import * as React from "react";
import { ScrollText } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAudit, type AuditEntry } from "@/lib/queries/admin-audit/list-audit";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { useDebouncedValue } from "./search-input";

// The API matches `action` as a prefix, so a family ("member") selects all of its actions.
const ACTION_FAMILIES = [
  { value: "all", label: "All actions" },
  { value: "tenant", label: "Tenants" },
  { value: "member", label: "Members" },
  { value: "invitation", label: "Invitations" },
  { value: "token", label: "API tokens" },
  { value: "user", label: "Users" },
  { value: "plan", label: "Plans" },
  { value: "invoice", label: "Invoices" },
  { value: "billing", label: "Billing access" },
  { value: "function", label: "Functions" },
];
const PAGE = 100;

function Details({ details }: { details: AuditEntry["details"] }) {
  if (!details || Object.keys(details).length === 0) return <span className="text-muted-foreground">—</span>;
  const text = Object.entries(details)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("  ");
  return (
    <code className="block truncate font-mono text-xs text-muted-foreground" title={JSON.stringify(details, null, 2)}>
      {text}
    </code>
  );
}

export function AuditAdmin() {
  const [tenantInput, setTenantInput] = React.useState("");
  const [family, setFamily] = React.useState("all");
  const [actorInput, setActorInput] = React.useState("");
  const [from, setFrom] = React.useState("");
  const [to, setTo] = React.useState("");
  const actor = useDebouncedValue(actorInput.trim());
  const [limit, setLimit] = React.useState(PAGE);
  const tenant = useDebouncedValue(tenantInput.trim().toLowerCase());
  // Dates are whole days in the viewer's calendar; "to" includes its whole day.
  const range = {
    from: from ? new Date(`${from}T00:00:00`).toISOString() : "",
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : "",
  };
  const audit = useAudit({ tenant, action: family === "all" ? "" : family, actor, ...range, limit });
  const filtered = tenant !== "" || family !== "all" || actor !== "" || from !== "" || to !== "";

  let body: React.ReactNode;
  if (audit.isPending) body = <TableSkeleton rows={8} columns={5} />;
  else if (audit.isError) body = <ErrorState title="Could not load the audit log" error={audit.error} onRetry={() => audit.refetch()} retrying={audit.isFetching} />;
  else if (audit.data.length === 0)
    body = (
      <EmptyState
        icon={ScrollText}
        title={filtered ? "No entries match these filters" : "The audit log is empty"}
        action={
          filtered ? (
            <Button
              variant="outline"
              onClick={() => {
                setTenantInput("");
                setFamily("all");
                setActorInput("");
                setFrom("");
                setTo("");
              }}
            >
              Clear filters
            </Button>
          ) : null
        }
      >
        {filtered ? "The tenant filter needs the exact slug." : "Every change to tenants, members, invitations, tokens and users is recorded here."}
      </EmptyState>
    );
  else
    body = (
      <>
        <Table data-testid="audit-table" className="table-fixed">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-32">Time</TableHead>
              <TableHead className="w-52">Actor</TableHead>
              <TableHead className="w-36">Tenant</TableHead>
              <TableHead className="w-48">Action</TableHead>
              <TableHead className="w-36">Target</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {audit.data.map((e) => (
              <TableRow key={String(e.id)}>
                <TableCell className="whitespace-nowrap text-muted-foreground" title={formatDateTime(e.at)}>
                  {formatRelative(e.at)}
                </TableCell>
                <TableCell className="truncate" title={e.actorEmail}>
                  {e.actorEmail}
                </TableCell>
                <TableCell>
                  {e.tenantSlug ? (
                    <button
                      type="button"
                      className="block max-w-full truncate font-mono text-[13px] text-primary hover:underline"
                      onClick={() => setTenantInput(e.tenantSlug ?? "")}
                      title="Filter by this tenant"
                    >
                      {e.tenantSlug}
                    </button>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell>
                  <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap">{e.action}</code>
                </TableCell>
                <TableCell className="truncate font-mono text-xs text-muted-foreground" title={e.target ?? undefined}>
                  {e.target ?? "—"}
                </TableCell>
                <TableCell>
                  <Details details={e.details} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {audit.data.length >= limit ? (
          <div className="mt-4 flex justify-center">
            <Button variant="outline" onClick={() => setLimit((l) => l + PAGE)} loading={audit.isFetching}>
              Show older entries
            </Button>
          </div>
        ) : null}
      </>
    );

  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, newest first. Entries are written in the same transaction as the change." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-tenant" className="text-xs text-muted-foreground">
            Tenant
          </Label>
          <Input id="audit-tenant" value={tenantInput} onChange={(e) => setTenantInput(e.target.value)} placeholder="Any tenant (exact slug)" className="w-56" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action" className="text-xs text-muted-foreground">
            Action
          </Label>
          <Select value={family} onValueChange={setFamily}>
            <SelectTrigger id="audit-action" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {ACTION_FAMILIES.map((f) => (
                <SelectItem key={f.value} value={f.value}>
                  {f.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor" className="text-xs text-muted-foreground">
            Actor
          </Label>
          <Input id="audit-actor" value={actorInput} onChange={(e) => setActorInput(e.target.value)} placeholder="Email contains" className="w-52" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from" className="text-xs text-muted-foreground">
            From
          </Label>
          <Input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="w-40" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to" className="text-xs text-muted-foreground">
            To
          </Label>
          <Input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} className="w-40" />
        </div>
      </div>
      {body}
    </>
  );
}
