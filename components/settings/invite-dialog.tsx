"use client";

import * as React from "react";
import { CheckCircle2, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/queries/fetch-json";
import { useCreateInvitation, type CreatedInvitation } from "@/lib/queries/invitations/create-invitation";
import type { TenantRole } from "@/lib/queries/me/get-me";
import { formatDate } from "@/lib/utils";
import { RoleSelect } from "./role-select";

/** Creates an invitation and shows its link, since the console has no mail server to send it. */
export function InviteDialog({ tenant }: { tenant: string }) {
  const [open, setOpen] = React.useState(false);
  const [email, setEmail] = React.useState("");
  const [role, setRole] = React.useState<TenantRole>("developer");
  const [created, setCreated] = React.useState<CreatedInvitation | null>(null);
  const invite = useCreateInvitation(tenant);
  const emailError = invite.error instanceof ApiError ? invite.error.issueFor("email") : undefined;

  function reset() {
    setEmail("");
    setRole("developer");
    setCreated(null);
    invite.reset();
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    invite.mutate({ email: email.trim(), role }, { onSuccess: setCreated });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus />
          Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <CheckCircle2 className="size-5 text-success" aria-hidden />
                Invitation created
              </DialogTitle>
              <DialogDescription>
                No email is sent. Share this link with <span className="font-medium text-foreground">{created.email}</span>; they join as{" "}
                {created.role} after signing in with that address. The link expires on {formatDate(created.expiresAt)}.
              </DialogDescription>
            </DialogHeader>
            <CopyField value={created.url} label="Copy invitation link" testId="invitation-link" />
            <DialogFooter>
              <Button variant="outline" onClick={reset}>
                Invite another
              </Button>
              <Button onClick={() => setOpen(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="grid gap-5">
            <DialogHeader>
              <DialogTitle>Invite a member</DialogTitle>
              <DialogDescription>You get a link to share; the invitee signs in or creates an account to accept it.</DialogDescription>
            </DialogHeader>
            <Field id="invite-email" label="Email" error={emailError}>
              <Input
                {...fieldA11y("invite-email", emailError)}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="teammate@company.com"
                required
                autoFocus
              />
            </Field>
            <div className="grid gap-1.5">
              <label htmlFor="invite-role" className="text-sm font-medium">
                Role
              </label>
              <RoleSelect id="invite-role" value={role} onChange={setRole} />
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Create invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
