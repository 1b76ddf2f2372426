"use client";

import * as React from "react";
import { Building2, MoreHorizontal, Pause, Play, Trash2 } from "lucide-react";
import { StatusBadge } from "@/components/console/role-badge";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAdminDeleteTenant } from "@/lib/queries/admin-tenants/delete-tenant";
import { useAdminTenants, type AdminTenant } from "@/lib/queries/admin-tenants/list-tenants";
import { useSetTenantStatus } from "@/lib/queries/admin-tenants/set-tenant-status";
import { formatDate } from "@/lib/utils";
import { AdminCreateTenantDialog } from "./create-tenant-dialog";
import { SearchInput, useDebouncedValue } from "./search-input";

type Pending = { kind: "suspend" | "delete"; tenant: AdminTenant } | null;

export function TenantsAdmin() {
  const [search, setSearch] = React.useState("");
  const q = useDebouncedValue(search.trim());
  const tenants = useAdminTenants(q);
  const setStatus = useSetTenantStatus();
  const del = useAdminDeleteTenant();
  const [pending, setPending] = React.useState<Pending>(null);

  let body: React.ReactNode;
  if (tenants.isPending) body = <TableSkeleton rows={5} columns={6} />;
  else if (tenants.isError) body = <ErrorState title="Could not load tenants" error={tenants.error} onRetry={() => tenants.refetch()} retrying={tenants.isFetching} />;
  else if (tenants.data.length === 0)
    body = q ? (
      <EmptyState icon={Building2} title={`No tenants match “${q}”`} action={<Button variant="outline" onClick={() => setSearch("")}>Clear search</Button>}>
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
            <TableHead>Name</TableHead>
            <TableHead>Slug</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Plan</TableHead>
            <TableHead className="text-right">Members</TableHead>
            <TableHead>Created</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tenants.data.map((t) => (
            <TableRow key={t.id} data-testid={`admin-tenant-row-${t.slug}`}>
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell>
                <code className="font-mono text-[13px] text-muted-foreground">{t.slug}</code>
              </TableCell>
              <TableCell data-testid="tenant-status">
                <StatusBadge status={t.status} />
              </TableCell>
              <TableCell className="capitalize">{t.plan}</TableCell>
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
        <SearchInput value={search} onValueChange={setSearch} placeholder="Search by name or slug" aria-label="Search tenants" busy={tenants.isFetching && !tenants.isPending} />
        {tenants.isSuccess ? (
          <p className="text-sm text-muted-foreground tabular-nums">
            {tenants.data.length} {tenants.data.length === 1 ? "tenant" : "tenants"}
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
