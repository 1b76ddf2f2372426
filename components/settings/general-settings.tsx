"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { ROLE_DESCRIPTIONS, RoleBadge, StatusBadge } from "@/components/console/role-badge";
import { hasRole } from "@/components/console/tenant-context";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/queries/fetch-json";
import { useDeleteTenant } from "@/lib/queries/tenants/delete-tenant";
import { useTenant, type TenantWithRole } from "@/lib/queries/tenants/get-tenant";
import { useUpdateTenant } from "@/lib/queries/tenants/update-tenant";
import { formatDate } from "@/lib/utils";

export function GeneralSettings({ slug }: { slug: string }) {
  const tenant = useTenant(slug);
  if (tenant.isPending) return <GeneralSkeleton />;
  if (tenant.isError) return <ErrorState title="Could not load the tenant" error={tenant.error} onRetry={() => tenant.refetch()} retrying={tenant.isFetching} />;
  const t = tenant.data;
  const isOwner = hasRole(t.role, "owner");
  return (
    <div className="grid gap-6">
      {/* Keyed by name so a rename elsewhere resets the field instead of leaving a stale draft. */}
      <NameCard key={t.name} tenant={t} editable={isOwner && t.status === "active"} />
      <Card>
        <CardHeader>
          <CardTitle>Slug</CardTitle>
          <CardDescription>Identifies the tenant in console URLs and in the REST API. It cannot be changed.</CardDescription>
        </CardHeader>
        <CardContent className="max-w-md">
          <CopyField value={t.slug} label="Copy slug" testId="tenant-slug" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Overview</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-4">
            <div className="grid gap-1.5">
              <dt className="text-muted-foreground">Your role</dt>
              <dd className="grid gap-1" data-testid="your-role">
                <RoleBadge role={t.role} />
                <span className="text-xs text-muted-foreground">{ROLE_DESCRIPTIONS[t.role]}</span>
              </dd>
            </div>
            <div className="grid content-start gap-1.5">
              <dt className="text-muted-foreground">Status</dt>
              <dd>
                <StatusBadge status={t.status} />
              </dd>
            </div>
            <div className="grid content-start gap-1.5">
              <dt className="text-muted-foreground">Plan</dt>
              <dd className="font-medium capitalize">{t.plan}</dd>
            </div>
            <div className="grid content-start gap-1.5">
              <dt className="text-muted-foreground">Created</dt>
              <dd className="font-medium">{formatDate(t.createdAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      {isOwner ? <DangerZone slug={t.slug} /> : null}
    </div>
  );
}

function NameCard({ tenant, editable }: { tenant: TenantWithRole; editable: boolean }) {
  const [name, setName] = React.useState(tenant.name);
  const update = useUpdateTenant(tenant.slug);
  const dirty = name.trim() !== tenant.name;
  const fieldError = update.error instanceof ApiError ? update.error.issueFor("name") : undefined;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!dirty || !name.trim()) return;
    update.mutate({ name: name.trim() });
  }

  return (
    <Card>
      <form onSubmit={submit}>
        <CardHeader>
          <CardTitle>Tenant name</CardTitle>
          <CardDescription>Shown in the tenant switcher and to everyone you invite.</CardDescription>
        </CardHeader>
        <CardContent className="max-w-md">
          <Field id="tenant-name" label={<span className="sr-only">Tenant name</span>} error={fieldError}>
            <Input {...fieldA11y("tenant-name", fieldError)} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} disabled={!editable} required />
          </Field>
        </CardContent>
        <CardFooter>
          <span>{editable ? "At most 80 characters." : "Only owners of an active tenant can rename it."}</span>
          {editable ? (
            <Button type="submit" size="sm" disabled={!dirty || !name.trim()} loading={update.isPending}>
              Save
            </Button>
          ) : null}
        </CardFooter>
      </form>
    </Card>
  );
}

function DangerZone({ slug }: { slug: string }) {
  const [open, setOpen] = React.useState(false);
  const del = useDeleteTenant(slug);
  const router = useRouter();
  return (
    <Card className="border-red-200">
      <CardHeader>
        <CardTitle className="text-red-700">Delete tenant</CardTitle>
        <CardDescription>
          Permanently deletes this tenant with its functions, domains and memberships. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardFooter className="justify-end border-red-100 bg-red-50/40">
        <Button variant="destructive" size="sm" onClick={() => setOpen(true)}>
          Delete tenant
        </Button>
      </CardFooter>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete tenant ${slug}?`}
        description="Everything in this tenant is deleted and its functions stop serving immediately."
        confirmLabel="Delete tenant"
        confirmText={slug}
        pending={del.isPending}
        onConfirm={async () => {
          await del.mutateAsync();
          // The home page sends the user to their next tenant, or to tenant creation.
          router.push("/");
        }}
      />
    </Card>
  );
}

function GeneralSkeleton() {
  return (
    <div className="grid gap-6" role="status" aria-label="Loading">
      {[0, 1, 2].map((i) => (
        <div key={i} className="grid gap-3 rounded-lg border bg-card p-6">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-3 w-72" />
          <Skeleton className="mt-2 h-9 w-full max-w-md" />
        </div>
      ))}
    </div>
  );
}
