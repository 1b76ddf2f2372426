"use client";

import * as React from "react";
import { MoreHorizontal, Pause, Play, Trash2, Users } from "lucide-react";
import { Avatar } from "@/components/console/user-menu";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useAdminDeleteUser } from "@/lib/queries/admin-users/delete-user";
import { useAdminUsers, type AdminUser } from "@/lib/queries/admin-users/list-users";
import { useSetUserStatus } from "@/lib/queries/admin-users/set-user-status";
import { useMe } from "@/lib/queries/me/get-me";
import { formatDate } from "@/lib/utils";
import { AdminCreateUserDialog } from "./create-user-dialog";
import { SearchInput, useDebouncedValue } from "./search-input";

type Pending = { kind: "suspend" | "delete"; user: AdminUser } | null;

export function UsersAdmin() {
  const [search, setSearch] = React.useState("");
  const q = useDebouncedValue(search.trim());
  const users = useAdminUsers(q);
  const { data: me } = useMe();
  const setStatus = useSetUserStatus();
  const del = useAdminDeleteUser();
  const [pending, setPending] = React.useState<Pending>(null);

  let body: React.ReactNode;
  if (users.isPending) body = <TableSkeleton rows={5} columns={6} />;
  else if (users.isError) body = <ErrorState title="Could not load users" error={users.error} onRetry={() => users.refetch()} retrying={users.isFetching} />;
  else if (users.data.length === 0)
    body = (
      <EmptyState icon={Users} title={q ? `No users match “${q}”` : "No users yet"} action={q ? <Button variant="outline" onClick={() => setSearch("")}>Clear search</Button> : <AdminCreateUserDialog />}>
        {q ? "Search matches a user's name or email." : "Users appear here when they sign up or when you create them."}
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="admin-users-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>User</TableHead>
            <TableHead>Platform role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Tenants</TableHead>
            <TableHead>Created</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.data.map((u) => {
            const isSelf = u.id === me?.user.id;
            return (
              <TableRow key={u.id} data-testid={`admin-user-row-${u.email}`}>
                <TableCell>
                  <div className="flex items-center gap-3">
                    <Avatar name={u.name} email={u.email} className="size-8" />
                    <div className="grid min-w-0 leading-tight">
                      <span className="flex items-center gap-2 truncate font-medium">
                        {u.name || "—"}
                        {isSelf ? <Badge variant="outline">You</Badge> : null}
                      </span>
                      <span className="truncate text-[13px] text-muted-foreground">{u.email}</span>
                    </div>
                  </div>
                </TableCell>
                <TableCell>{u.platformRole === "admin" ? <Badge variant="default">Admin</Badge> : <span className="text-muted-foreground">User</span>}</TableCell>
                <TableCell data-testid="user-status">
                  {u.banned ? (
                    <Badge variant="warning" dot>
                      Suspended
                    </Badge>
                  ) : (
                    <Badge variant="success" dot>
                      Active
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="text-right tabular-nums">{u.tenants}</TableCell>
                <TableCell className="text-muted-foreground">{formatDate(u.createdAt)}</TableCell>
                <TableCell className="text-right">
                  {isSelf ? null : (
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${u.email}`}>
                          <MoreHorizontal />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        {u.banned ? (
                          <DropdownMenuItem onSelect={() => setStatus.mutate({ id: u.id, email: u.email, action: "resume" })}>
                            <Play />
                            Resume
                          </DropdownMenuItem>
                        ) : (
                          <DropdownMenuItem onSelect={() => setPending({ kind: "suspend", user: u })}>
                            <Pause />
                            Suspend
                          </DropdownMenuItem>
                        )}
                        <DropdownMenuSeparator />
                        <DropdownMenuItem variant="destructive" onSelect={() => setPending({ kind: "delete", user: u })}>
                          <Trash2 />
                          Delete
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );

  const target = pending?.user;
  return (
    <>
      <PageHeader title="Users" description="Every account on this platform. Suspended users are signed out and their API tokens stop working." actions={<AdminCreateUserDialog />} />
      <div className="mb-4 flex items-center justify-between gap-4">
        <SearchInput value={search} onValueChange={setSearch} placeholder="Search by name or email" aria-label="Search users" busy={users.isFetching && !users.isPending} />
        {users.isSuccess ? (
          <p className="text-sm text-muted-foreground tabular-nums">
            {users.data.length} {users.data.length === 1 ? "user" : "users"}
          </p>
        ) : null}
      </div>
      {body}
      <ConfirmDialog
        open={pending?.kind === "suspend"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Suspend ${target?.email ?? ""}?`}
        description="They are signed out everywhere and their API tokens stop working until you resume them."
        confirmLabel="Suspend user"
        pending={setStatus.isPending}
        onConfirm={() => setStatus.mutateAsync({ id: target!.id, email: target!.email, action: "suspend" })}
      />
      <ConfirmDialog
        open={pending?.kind === "delete"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Delete ${target?.email ?? ""}?`}
        description="The account, its sessions, API tokens and memberships are deleted permanently. This cannot be undone."
        confirmLabel="Delete user"
        pending={del.isPending}
        onConfirm={() => del.mutateAsync({ id: target!.id, email: target!.email })}
      />
    </>
  );
}
