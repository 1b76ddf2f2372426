"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { LogOut, MoreHorizontal, UserMinus, Users } from "lucide-react";
import { RoleBadge } from "@/components/console/role-badge";
import { Avatar } from "@/components/console/user-menu";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useMembers, type Member } from "@/lib/queries/members/list-members";
import { useRemoveMember } from "@/lib/queries/members/remove-member";
import { useUpdateMemberRole } from "@/lib/queries/members/update-member-role";
import { formatDate } from "@/lib/utils";
import { RoleSelect } from "./role-select";

type Props = { tenant: string; canManage: boolean; currentUserId: string };

export function MembersTable({ tenant, canManage, currentUserId }: Props) {
  const members = useMembers(tenant);
  const updateRole = useUpdateMemberRole(tenant);
  const remove = useRemoveMember(tenant);
  const [removing, setRemoving] = React.useState<Member | null>(null);
  const router = useRouter();

  if (members.isPending) return <TableSkeleton rows={3} columns={4} />;
  if (members.isError) return <ErrorState title="Could not load members" error={members.error} onRetry={() => members.refetch()} retrying={members.isFetching} />;
  if (members.data.length === 0) {
    return (
      <EmptyState icon={Users} title="No members">
        This tenant has no members left. A platform administrator can assign a new owner.
      </EmptyState>
    );
  }

  const leaving = removing?.userId === currentUserId;

  return (
    <>
      <Table data-testid="members-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Member</TableHead>
            <TableHead className="w-44">Role</TableHead>
            <TableHead className="w-36">Joined</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.data.map((m) => {
            const isSelf = m.userId === currentUserId;
            const pendingRole = updateRole.isPending && updateRole.variables?.memberId === m.id;
            return (
              <TableRow key={m.id} data-testid={`member-row-${m.email}`}>
                <TableCell>
                  <div className="flex items-center gap-3">
                    <Avatar name={m.name} email={m.email} className="size-8" />
                    <div className="grid min-w-0 leading-tight">
                      <span className="flex items-center gap-2 truncate font-medium">
                        {m.name || m.email}
                        {isSelf ? <Badge variant="outline">You</Badge> : null}
                      </span>
                      <span className="truncate text-[13px] text-muted-foreground">{m.email}</span>
                    </div>
                  </div>
                </TableCell>
                <TableCell>
                  {canManage ? (
                    <RoleSelect
                      size="sm"
                      className="w-36"
                      // Not "Role …": the invite dialog's "Role" field must stay the only control labelled so.
                      aria-label={`Access level of ${m.email}`}
                      value={pendingRole && updateRole.variables ? updateRole.variables.role : m.role}
                      disabled={pendingRole}
                      onChange={(role) => role !== m.role && updateRole.mutate({ memberId: m.id, role })}
                    />
                  ) : (
                    <RoleBadge role={m.role} />
                  )}
                </TableCell>
                <TableCell className="text-muted-foreground">{formatDate(m.createdAt)}</TableCell>
                <TableCell className="text-right">
                  {canManage || isSelf ? (
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${m.email}`}>
                          <MoreHorizontal />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        <DropdownMenuItem variant="destructive" onSelect={() => setRemoving(m)}>
                          {isSelf ? <LogOut /> : <UserMinus />}
                          {isSelf ? "Leave tenant" : "Remove from tenant"}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={leaving ? "Leave this tenant?" : `Remove ${removing?.email ?? ""}?`}
        description={
          leaving
            ? "You lose access to this tenant immediately. An owner has to invite you again to come back."
            : "They lose access to this tenant immediately. Their API tokens stop working for it."
        }
        confirmLabel={leaving ? "Leave tenant" : "Remove member"}
        pending={remove.isPending}
        onConfirm={async () => {
          if (!removing) return;
          await remove.mutateAsync(removing.id);
          if (leaving) router.push("/");
        }}
      />
    </>
  );
}
