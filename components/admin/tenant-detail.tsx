"use client";

import * as React from "react";
import Link from "next/link";
import { ArrowLeft, Pause, Play } from "lucide-react";
import { UsageSummary } from "@/components/billing/usage-summary";
import { StatusBadge } from "@/components/console/role-badge";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAdminTenant } from "@/lib/queries/admin-tenants/get-tenant";
import { useSetTenantStatus } from "@/lib/queries/admin-tenants/set-tenant-status";
import { ApiError } from "@/lib/queries/fetch-json";
import { formatDate } from "@/lib/utils";
import { TenantLimitsForm } from "./tenant-limits-form";

export function TenantDetail({ slug }: { slug: string }) {
  const q = useAdminTenant(slug);
  const setStatus = useSetTenantStatus();
  const [confirm, setConfirm] = React.useState(false);

  const back = (
    <Link href="/admin/tenants" className="mb-4 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden />
      Tenants
    </Link>
  );
  if (q.isPending) {
    return (
      <>
        {back}
        <Skeleton className="mb-6 h-10 w-64" />
        <Skeleton className="h-72 w-full" />
      </>
    );
  }
  if (q.isError) {
    const missing = q.error instanceof ApiError && q.error.status === 404;
    return (
      <>
        {back}
        <ErrorState title={missing ? `There is no tenant “${slug}”` : "Could not load the tenant"} error={q.error} onRetry={() => q.refetch()} retrying={q.isFetching} />
      </>
    );
  }
  const { tenant, members, functions, usage } = q.data;
  const suspended = tenant.status === "suspended";
  return (
    <>
      {back}
      <PageHeader
        title={tenant.name}
        description={`${tenant.slug} · created ${formatDate(tenant.createdAt)} · ${usage.plan.name} plan`}
        actions={
          <div className="flex items-center gap-3">
            <span data-testid="tenant-status">
              <StatusBadge status={tenant.status} />
            </span>
            {suspended ? (
              <Button variant="outline" loading={setStatus.isPending} onClick={() => setStatus.mutate({ slug, action: "resume" })}>
                <Play />
                Resume
              </Button>
            ) : (
              <Button variant="outline" onClick={() => setConfirm(true)}>
                <Pause />
                Suspend
              </Button>
            )}
          </div>
        }
      />
      <div className="grid gap-8">
        <UsageSummary usage={{ ...usage, quota: tenant.quotaBlock }} />
        <TenantLimitsForm key={`${tenant.plan}:${JSON.stringify(tenant.limitOverrides)}`} detail={q.data} />
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Members ({members.length})</CardTitle>
            </CardHeader>
            <CardContent>
              <Table data-testid="tenant-members">
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>Member</TableHead>
                    <TableHead>Role</TableHead>
                    <TableHead>Since</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {members.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        <div className="font-medium">{m.name}</div>
                        <div className="text-xs text-muted-foreground">{m.email}</div>
                      </TableCell>
                      <TableCell className="capitalize">{m.role}</TableCell>
                      <TableCell className="text-muted-foreground">{formatDate(m.createdAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Functions ({functions.length})</CardTitle>
            </CardHeader>
            <CardContent>
              {functions.length === 0 ? (
                <p className="text-sm text-muted-foreground">No functions yet.</p>
              ) : (
                <Table data-testid="tenant-functions">
                  <TableHeader>
                    <TableRow className="hover:bg-transparent">
                      <TableHead>Name</TableHead>
                      <TableHead className="text-right">Versions</TableHead>
                      <TableHead>Created</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {functions.map((f) => (
                      <TableRow key={f.id}>
                        <TableCell className="font-mono text-[13px]">{f.name}</TableCell>
                        <TableCell className="text-right tabular-nums">{f.versions}</TableCell>
                        <TableCell className="text-muted-foreground">{formatDate(f.createdAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={`Suspend ${slug}?`}
        description="Its functions answer 403 on every runtime node within a second and its members can no longer change anything. You can resume it at any time."
        confirmLabel="Suspend tenant"
        pending={setStatus.isPending}
        onConfirm={() => setStatus.mutateAsync({ slug, action: "suspend" })}
      />
    </>
  );
}
