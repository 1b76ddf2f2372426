"use client";

import * as React from "react";
import Link from "next/link";
import { ArrowDown, ArrowUp, Building2, MoreHorizontal, Pause, Play, Trash2 } from "lucide-react";
import { cpu, money, num } from "@/components/billing/format";
import { StatusBadge } from "@/components/console/role-badge";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAdminDeleteTenant } from "@/lib/queries/admin-tenants/delete-tenant";
import { useAdminTenants, type AdminTenant } from "@/lib/queries/admin-tenants/list-tenants";
import { useSetTenantStatus } from "@/lib/queries/admin-tenants/set-tenant-status";
import { usePlans } from "@/lib/queries/plans/list-plans";
import { formatDate } from "@/lib/utils";
import { AdminCreateTenantDialog } from "./create-tenant-dialog";
import { SearchInput, useDebouncedValue } from "./search-input";

type Pending = { kind: "suspend" | "delete"; tenant: AdminTenant } | null;
type SortKey = "created" | "name" | "plan" | "status" | "requests" | "cpu" | "cost";

/** A column header that sorts the table (server-side) and says how it is sorted. */
function SortHead({ label, k, sort, order, onSort, className }: { label: string; k: SortKey; sort: SortKey; order: "asc" | "desc"; onSort: (k: SortKey) => void; className?: string }) {
  const active = sort === k;
  return (
    <TableHead className={className} aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="inline-flex items-center gap-1 tracking-wide uppercase hover:text-foreground" onClick={() => onSort(k)}>
        {label}
        {active ? order === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : null}
      </button>
    </TableHead>
  );
}

export function TenantsAdmin() {
  const [search, setSearch] = React.useState("");
  const q = useDebouncedValue(search.trim());
  const [sort, setSort] = React.useState<SortKey>("created");
  const [order, setOrder] = React.useState<"asc" | "desc">("desc");
  const [plan, setPlan] = React.useState("all");
  const [status, setStatusFilter] = React.useState("all");
  const plans = usePlans();
  const list = useAdminTenants({ q, sort, order, plan: plan === "all" ? "" : plan, status: status === "all" ? "" : status });
  const rows = list.data?.tenants;
  const filtered = q !== "" || plan !== "all" || status !== "all";
  const onSort = (k: SortKey) => {
    if (k === sort) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(k);
      setOrder(k === "name" || k === "plan" || k === "status" ? "asc" : "desc");
    }
  };
  const sortProps = { sort, order, onSort };
  const setStatus = useSetTenantStatus();
  const del = useAdminDeleteTenant();
  const [pending, setPending] = React.useState<Pending>(null);

  let body: React.ReactNode;
  if (list.isPending) body = <TableSkeleton rows={5} columns={8} />;
  else if (list.isError) body = <ErrorState title="Could not load tenants" error={list.error} onRetry={() => list.refetch()} retrying={list.isFetching} />;
  else if (!rows || rows.length === 0)
    body = filtered ? (
      <EmptyState
        icon={Building2}
        title={q ? `No tenants match “${q}”` : "No tenants match these filters"}
        action={
          <Button
            variant="outline"
            onClick={() => {
              setSearch("");
              setPlan("all");
              setStatusFilter("all");
            }}
          >
            Clear filters
          </Button>
        }
      >
        Search matches a tenant&apos;s name or slug.
      </EmptyState>
    ) : (
      <EmptyState icon={Building2} title="No tenants yet" action={<AdminCreateTenantDialog />}>
        Tenants appear here when users create them or when you create one for an existing user.
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="admin-tenants-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <SortHead label="Tenant" k="name" {...sortProps} />
            <SortHead label="Status" k="status" {...sortProps} />
            <SortHead label="Plan" k="plan" {...sortProps} />
            <SortHead label="Requests" k="requests" className="text-right" {...sortProps} />
            <SortHead label="CPU time" k="cpu" className="text-right" {...sortProps} />
            <SortHead label="Cost" k="cost" className="text-right" {...sortProps} />
            <TableHead className="text-right">Members</TableHead>
            <SortHead label="Created" k="created" {...sortProps} />
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((t) => (
            <TableRow key={t.id} data-testid={`admin-tenant-row-${t.slug}`}>
              <TableCell>
                <Link href={`/admin/tenants/${t.slug}`} className="font-medium text-primary hover:underline">
                  {t.name}
                </Link>
                <code className="block font-mono text-xs text-muted-foreground">{t.slug}</code>
              </TableCell>
              <TableCell data-testid="tenant-status">
                <StatusBadge status={t.status} />
                {t.quota ? <span className="mt-1 block text-xs text-red-700">quota: {t.quota.replace(/_/g, " ")}</span> : null}
              </TableCell>
              <TableCell data-testid="tenant-plan">{t.planName}</TableCell>
              <TableCell className="text-right tabular-nums" data-testid="tenant-requests">{num(t.requests)}</TableCell>
              <TableCell className="text-right tabular-nums">{cpu(t.cpuMs)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(t.costMinor, t.currency)}</TableCell>
              <TableCell className="text-right tabular-nums">{t.members}</TableCell>
              <TableCell className="text-muted-foreground">{formatDate(t.createdAt)}</TableCell>
              <TableCell className="text-right">
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${t.slug}`}>
                      <MoreHorizontal />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    {t.status === "active" ? (
                      <DropdownMenuItem onSelect={() => setPending({ kind: "suspend", tenant: t })}>
                        <Pause />
                        Suspend
                      </DropdownMenuItem>
                    ) : (
                      <DropdownMenuItem onSelect={() => setStatus.mutate({ slug: t.slug, action: "resume" })}>
                        <Play />
                        Resume
                      </DropdownMenuItem>
                    )}
                    <DropdownMenuSeparator />
                    <DropdownMenuItem variant="destructive" onSelect={() => setPending({ kind: "delete", tenant: t })}>
                      <Trash2 />
                      Delete
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  const target = pending?.tenant;
  return (
    <>
      <PageHeader title="Tenants" description="Every tenant on this platform. Suspending stops its functions and freezes changes." actions={<AdminCreateTenantDialog />} />
      <div className="mb-4 flex items-center justify-between gap-4">
        <div className="flex flex-wrap items-center gap-2">
          <SearchInput value={search} onValueChange={setSearch} placeholder="Search by name or slug" aria-label="Search tenants" busy={list.isFetching && !list.isPending} className="w-72" />
          <Select value={plan} onValueChange={setPlan}>
            <SelectTrigger className="w-40" aria-label="Filter by plan">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All plans</SelectItem>
              {(plans.data ?? []).map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={status} onValueChange={setStatusFilter}>
            <SelectTrigger className="w-36" aria-label="Filter by status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">Any status</SelectItem>
              <SelectItem value="active">Active</SelectItem>
              <SelectItem value="suspended">Suspended</SelectItem>
            </SelectContent>
          </Select>
        </div>
        {list.isSuccess && rows ? (
          <p className="text-sm text-muted-foreground tabular-nums">
            {rows.length} {rows.length === 1 ? "tenant" : "tenants"} · usage and cost for {list.data.period}
          </p>
        ) : null}
      </div>
      {body}
      <ConfirmDialog
        open={pending?.kind === "suspend"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Suspend ${target?.slug ?? ""}?`}
        description="Its functions stop serving traffic on every runtime node and its members can no longer change anything. You can resume it at any time."
        confirmLabel="Suspend tenant"
        pending={setStatus.isPending}
        onConfirm={() => setStatus.mutateAsync({ slug: target!.slug, action: "suspend" })}
      />
      <ConfirmDialog
        open={pending?.kind === "delete"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Delete ${target?.slug ?? ""}?`}
        description="The tenant, its functions, domains, memberships and invitations are deleted permanently. This cannot be undone."
        confirmLabel="Delete tenant"
        confirmText={target?.slug}
        pending={del.isPending}
        onConfirm={() => del.mutateAsync(target!.slug)}
      />
    </>
  );
}
