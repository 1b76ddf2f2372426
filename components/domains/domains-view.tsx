"use client";

import * as React from "react";
import { Globe, Plus } from "lucide-react";
import { hasRole, useCurrentTenant } from "@/components/console/tenant-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { useDomains } from "@/lib/queries/domains/list-domains";
import { useFunctions } from "@/lib/queries/functions/list-functions";
import { AddDomainDialog } from "./add-domain-dialog";
import { DomainCard } from "./domain-card";
import { RouteTester } from "./route-tester";

export function DomainsView({ tenant }: { tenant: string }) {
  const me = useCurrentTenant();
  const canEdit = hasRole(me.role, "developer") && me.status === "active";
  const domains = useDomains(tenant);
  const fns = useFunctions(tenant);
  const [adding, setAdding] = React.useState(false);
  const names = (fns.data ?? []).map((f) => f.name);
  const addButton = canEdit ? (
    <Button onClick={() => setAdding(true)} data-testid="add-domain">
      <Plus />
      Add domain
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (domains.isPending)
    body = (
      <div className="grid gap-4" role="status" aria-label="Loading">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  else if (domains.isError) body = <ErrorState title="Could not load the domains" error={domains.error} onRetry={() => domains.refetch()} retrying={domains.isFetching} />;
  else if (domains.data.length === 0)
    body = (
      <EmptyState icon={Globe} title="No domains yet" action={addButton}>
        Add a hostname you own (or any name under <code className="font-mono text-xs">.localhost</code> to try it locally), then map path patterns on it to functions.
      </EmptyState>
    );
  else body = domains.data.map((d) => <DomainCard key={d.id} tenant={tenant} domain={d} functions={names} canEdit={canEdit} />);

  return (
    <>
      <PageHeader
        title="Domains"
        description="Your hostnames and the path routes that send their traffic to functions. An exact hostname wins over a wildcard, then the most specific path, then methods, then priority."
        actions={domains.isSuccess && domains.data.length > 0 ? addButton : null}
      />
      <div className="grid gap-6">
        {body}
        <RouteTester tenant={tenant} />
      </div>
      <AddDomainDialog tenant={tenant} open={adding} onOpenChange={setAdding} />
    </>
  );
}
