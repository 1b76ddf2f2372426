"use client";

import { hasRole, useCurrentTenant } from "@/components/console/tenant-context";
import { useMe } from "@/lib/queries/me/get-me";
import { InvitationsTable } from "./invitations-table";
import { InviteDialog } from "./invite-dialog";
import { MembersTable } from "./members-table";

export function MembersSettings() {
  const tenant = useCurrentTenant();
  const { data: me } = useMe();
  // Changes to members need an active tenant; the API refuses them otherwise.
  const canManage = hasRole(tenant.role, "owner") && tenant.status === "active";
  return (
    <div className="grid gap-10">
      <section className="grid gap-4">
        <div className="flex items-end justify-between gap-4">
          <div className="grid gap-1">
            <h2 className="text-base font-semibold">Members</h2>
            <p className="max-w-2xl text-sm text-muted-foreground">
              {canManage ? "People with access to this tenant. Change roles or remove access here." : "People with access to this tenant. Only owners can change roles and invite."}
            </p>
          </div>
          {canManage ? <InviteDialog tenant={tenant.slug} /> : null}
        </div>
        <MembersTable tenant={tenant.slug} canManage={canManage} currentUserId={me?.user.id ?? ""} />
      </section>
      <section className="grid gap-4">
        <div className="grid gap-1">
          <h2 className="text-base font-semibold">Pending invitations</h2>
          <p className="max-w-2xl text-sm text-muted-foreground">Invitations expire after 7 days. An invitation is accepted by signing in with the invited email.</p>
        </div>
        <InvitationsTable tenant={tenant.slug} canManage={canManage} />
      </section>
    </div>
  );
}
