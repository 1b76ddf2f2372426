"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { AlertTriangle, MailOpen, MailX } from "lucide-react";
import { signOutAndLeave } from "@/components/console/user-menu";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/queries/fetch-json";
import { useAcceptInvitation } from "@/lib/queries/invitations/accept-invitation";
import { useInvitation } from "@/lib/queries/invitations/get-invitation";
import { useMe } from "@/lib/queries/me/get-me";
import { formatDate } from "@/lib/utils";

function Shell({ icon: Icon, children }: { icon: typeof MailOpen; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border bg-card p-7 text-center shadow-sm" data-testid="invitation-card">
      <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full border bg-muted/60">
        <Icon className="size-5 text-muted-foreground" aria-hidden />
      </div>
      {children}
    </div>
  );
}

const CLOSED: Record<string, string> = {
  accepted: "This invitation has already been accepted.",
  canceled: "This invitation was canceled by an owner of the tenant.",
  rejected: "This invitation was declined.",
  expired: "This invitation has expired. Ask an owner of the tenant for a new one.",
};

export function InvitationCard({ id }: { id: string }) {
  const router = useRouter();
  const invitation = useInvitation(id);
  const accept = useAcceptInvitation(id);
  const { data: me } = useMe();

  if (invitation.isPending) {
    return (
      <div className="grid gap-3 rounded-xl border bg-card p-7 shadow-sm" role="status" aria-label="Loading">
        <Skeleton className="mx-auto size-11 rounded-full" />
        <Skeleton className="mx-auto h-5 w-56" />
        <Skeleton className="mx-auto h-4 w-64" />
        <Skeleton className="mt-4 h-9 w-full" />
      </div>
    );
  }
  if (invitation.isError) {
    if (invitation.error instanceof ApiError && invitation.error.status === 404) {
      return (
        <Shell icon={MailX}>
          <h1 className="text-xl font-semibold tracking-tight">Invitation not found</h1>
          <p className="mt-2 text-sm text-muted-foreground">The link is wrong or the invitation was deleted. Ask the person who invited you for a new link.</p>
          <Button asChild variant="outline" className="mt-6 w-full">
            <Link href="/">Go to the console</Link>
          </Button>
        </Shell>
      );
    }
    return <ErrorState title="Could not load the invitation" error={invitation.error} onRetry={() => invitation.refetch()} retrying={invitation.isFetching} />;
  }

  const inv = invitation.data;
  const closed = inv.status !== "pending" ? (CLOSED[inv.status] ?? `This invitation is ${inv.status}.`) : null;
  const wrongAccount = me && me.user.email.toLowerCase() !== inv.email.toLowerCase();
  const alreadyMember = me?.tenants.some((t) => t.slug === inv.tenant.slug);

  return (
    <Shell icon={closed ? MailX : MailOpen}>
      <h1 className="text-xl font-semibold tracking-tight">
        {closed ? "Invitation to " : "Join "}
        <span data-testid="invitation-tenant">{inv.tenant.name}</span>
      </h1>
      <p className="mt-2 text-sm text-muted-foreground" data-testid="invitation-summary">
        <span className="font-medium text-foreground">{inv.inviterEmail ?? "An owner"}</span> invited you to tenant{" "}
        <span className="font-medium text-foreground">{inv.tenant.name}</span> as <span className="font-medium text-foreground">{inv.role}</span>.
      </p>
      {closed ? (
        <>
          <p className="mt-4 rounded-md border bg-muted/50 px-3 py-2 text-sm">{closed}</p>
          <Button asChild variant="outline" className="mt-6 w-full">
            <Link href={alreadyMember ? `/${inv.tenant.slug}/functions` : "/"}>{alreadyMember ? `Open ${inv.tenant.name}` : "Go to the console"}</Link>
          </Button>
        </>
      ) : wrongAccount ? (
        <>
          <div role="alert" className="mt-4 flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-left text-sm text-amber-900">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              This invitation is for <span className="font-medium">{inv.email}</span>, but you are signed in as{" "}
              <span className="font-medium">{me.user.email}</span>. Sign in with the invited address to accept it.
            </p>
          </div>
          <Button variant="outline" className="mt-6 w-full" onClick={() => void signOutAndLeave(`/login?next=${encodeURIComponent(`/invite/${id}`)}`)}>
            Sign out and switch account
          </Button>
        </>
      ) : (
        <>
          <p className="mt-1 text-xs text-muted-foreground">Expires {formatDate(inv.expiresAt)}</p>
          <Button
            className="mt-6 w-full"
            loading={accept.isPending || accept.isSuccess}
            onClick={() => accept.mutate(undefined, { onSuccess: (r) => router.push(`/${r.tenant.slug}/functions`) })}
          >
            Accept invitation
          </Button>
          {accept.isError ? (
            <p role="alert" className="mt-3 text-sm text-destructive">
              {accept.error.message}
            </p>
          ) : null}
        </>
      )}
    </Shell>
  );
}
