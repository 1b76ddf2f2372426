"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useBillingAccess, useSetBillingAccess } from "@/lib/queries/billing/billing-access";

/** Owners decide which developers and viewers may see usage and invoices. */
export function BillingAccessCard({ tenant }: { tenant: string }) {
  const members = useBillingAccess(tenant, true);
  const set = useSetBillingAccess(tenant);
  let body: React.ReactNode;
  if (members.isPending) body = <TableSkeleton rows={3} columns={3} />;
  else if (members.isError) body = <ErrorState title="Could not load members" error={members.error} onRetry={() => members.refetch()} retrying={members.isFetching} />;
  else
    body = (
      <Table data-testid="billing-access-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Member</TableHead>
            <TableHead>Role</TableHead>
            <TableHead className="text-right">Sees billing</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.data.map((m) => (
            <TableRow key={m.memberId}>
              <TableCell>
                <div className="font-medium">{m.name}</div>
                <div className="text-xs text-muted-foreground">{m.email}</div>
              </TableCell>
              <TableCell className="capitalize">{m.role}</TableCell>
              <TableCell className="text-right">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  aria-label={`${m.email} sees billing`}
                  checked={m.billing}
                  disabled={m.role === "owner" || set.isPending}
                  title={m.role === "owner" ? "Owners always see billing" : undefined}
                  onChange={(e) => set.mutate({ memberId: m.memberId, billing: e.target.checked, email: m.email })}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Billing access</CardTitle>
        <CardDescription>Owners always see usage and invoices. Grant it to developers or viewers who need it.</CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
