"use client";

import * as React from "react";
import { Globe, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useAdminDomains, useAdminVerifyDomain } from "@/lib/queries/domains/admin-domains";
import { formatRelative } from "@/lib/utils";

/** Every tenant's domains; an admin vouches for one that DNS cannot prove (internal names, tests). */
export function AdminDomains() {
  const [status, setStatus] = React.useState<"all" | "unverified">("unverified");
  const domains = useAdminDomains(status);
  const verify = useAdminVerifyDomain();
  let body: React.ReactNode;
  if (domains.isPending) body = <TableSkeleton rows={3} columns={5} />;
  else if (domains.isError) body = <ErrorState title="Could not load the domains" error={domains.error} onRetry={() => domains.refetch()} retrying={domains.isFetching} />;
  else if (domains.data.length === 0)
    body = (
      <EmptyState icon={Globe} title={status === "unverified" ? "Every domain is verified" : "No domains yet"}>
        Tenants add domains on their Domains page; those that are not verified by DNS show up here.
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="admin-domains">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Hostname</TableHead>
            <TableHead>Tenant</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Last DNS check</TableHead>
            <TableHead className="w-40">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {domains.data.map((d) => (
            <TableRow key={d.id}>
              <TableCell className="font-mono text-[13px]">{d.hostname}</TableCell>
              <TableCell>{d.tenant}</TableCell>
              <TableCell>{d.verified ? <Badge variant="success">Verified ({d.verifiedBy})</Badge> : <Badge variant="warning">Not verified</Badge>}</TableCell>
              <TableCell className="max-w-sm truncate text-[13px] text-muted-foreground" title={d.lastCheckError ?? undefined}>
                {d.lastCheckAt ? `${formatRelative(d.lastCheckAt)}: ${d.lastCheckError ?? "ok"}` : "never"}
              </TableCell>
              <TableCell className="text-right">
                {d.verified ? null : (
                  <Button size="sm" variant="outline" loading={verify.isPending && verify.variables === d.hostname} onClick={() => verify.mutate(d.hostname)}>
                    <ShieldCheck />
                    Mark verified
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  return (
    <>
      <PageHeader title="Domains" description="Tenants' hostnames. A domain serves only once verified by its DNS TXT record or by a platform admin here." />
      <Tabs value={status} onValueChange={(v) => setStatus(v as "all" | "unverified")} className="mb-4">
        <TabsList>
          <TabsTrigger value="unverified">Not verified</TabsTrigger>
          <TabsTrigger value="all">All</TabsTrigger>
        </TabsList>
      </Tabs>
      {body}
    </>
  );
}
