import type { Metadata } from "next";
import Link from "next/link";
import { MailOpen } from "lucide-react";
import { CenteredShell } from "@/components/brand/centered-shell";
import { HydrateMe } from "@/components/hydrate-me";
import { InvitationCard } from "@/components/invitations/invitation-card";
import { Button } from "@/components/ui/button";
import { getServerMe } from "@/lib/queries/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await getServerMe();
  const here = encodeURIComponent(`/invite/${id}`);

  if (!me) {
    // The invitation API needs a signed-in caller, so its details are shown after sign-in.
    return (
      <CenteredShell>
        <div className="rounded-xl border bg-card p-7 text-center shadow-sm">
          <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full border bg-muted/60">
            <MailOpen className="size-5 text-muted-foreground" aria-hidden />
          </div>
          <h1 className="text-xl font-semibold tracking-tight">You have been invited to a tenant</h1>
          <p className="mt-2 text-sm text-muted-foreground">
            Sign in, or create an account, with the email address the invitation was sent to. You will come back here to accept it.
          </p>
          <div className="mt-6 grid gap-2">
            <Button asChild>
              <Link href={`/login?next=${here}`}>Sign in to accept</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/signup?next=${here}`}>Create an account</Link>
            </Button>
          </div>
        </div>
      </CenteredShell>
    );
  }

  return (
    <HydrateMe me={me}>
      <CenteredShell>
        <InvitationCard id={id} />
      </CenteredShell>
    </HydrateMe>
  );
}
