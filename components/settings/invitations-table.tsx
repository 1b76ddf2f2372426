"use client";

import * as React from "react";
import { MailPlus, X } from "lucide-react";
import { RoleBadge } from "@/components/console/role-badge";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { useCancelInvitation } from "@/lib/queries/invitations/cancel-invitation";
import { useInvitations, type Invitation } from "@/lib/queries/invitations/list-invitations";
import { formatDate, formatRelative } from "@/lib/utils";

// Accepted and canceled invitations are history (the audit log keeps it); this table is what is open.
const OPEN = new Set(["pending", "expired"]);

export function InvitationsTable({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const invitations = useInvitations(tenant);
  const cancel = useCancelInvitation(tenant);
  const [canceling, setCanceling] = React.useState<Invitation | null>(null);

  if (invitations.isPending) return <TableSkeleton rows={2} columns={5} />;
  if (invitations.isError)
    return <ErrorState title="Could not load invitations" error={invitations.error} onRetry={() => invitations.refetch()} retrying={invitations.isFetching} />;

  const open = invitations.data.filter((i) => OPEN.has(i.status));
  if (open.length === 0) {
    return (
      <EmptyState icon={MailPlus} title="No pending invitations" className="py-10">
        {canManage ? "Invite teammates with the button above; you get a link to share with them." : "Owners can invite new members."}
      </EmptyState>
    );
  }

  return (
    <>
      <Table data-testid="invitations-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Invited by</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead className="w-24">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {open.map((inv) => (
            <TableRow key={inv.id} data-testid={`invitation-row-${inv.email}`}>
              <TableCell className="font-medium">{inv.email}</TableCell>
              <TableCell>
                <RoleBadge role={inv.role} />
              </TableCell>
              <TableCell>
                {inv.status === "pending" ? (
                  <Badge variant="default" dot>
                    Pending
                  </Badge>
                ) : (
                  <Badge variant="outline">Expired</Badge>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">{inv.inviterEmail ?? "—"}</TableCell>
              <TableCell className="text-muted-foreground">
                <span title={formatDate(inv.expiresAt)}>{formatRelative(inv.expiresAt)}</span>
              </TableCell>
              <TableCell>
                {canManage ? (
                  <div className="flex justify-end gap-1">
                    {inv.url && inv.status === "pending" ? <CopyButton value={inv.url} label={`Copy invitation link for ${inv.email}`} variant="ghost" /> : null}
                    <Tooltip content="Cancel invitation">
                      <Button variant="ghost" size="icon-sm" aria-label={`Cancel invitation for ${inv.email}`} onClick={() => setCanceling(inv)}>
                        <X />
                      </Button>
                    </Tooltip>
                  </div>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={canceling !== null}
        onOpenChange={(o) => !o && setCanceling(null)}
        title="Cancel this invitation?"
        description={`The link sent to ${canceling?.email ?? ""} stops working. You can invite them again later.`}
        confirmLabel="Cancel invitation"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutateAsync(canceling!.id)}
      />
    </>
  );
}
