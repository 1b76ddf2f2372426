"use client";

import * as React from "react";
import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError } from "@/lib/queries/fetch-json";
import { useCreateToken, type CreatedToken } from "@/lib/queries/tokens/create-token";

const EXPIRY_OPTIONS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "No expiration" },
];

/**
 * Creates a token and shows it exactly once; closing the dialog forgets it. Controlled by the page
 * so that it stays mounted while the list under it changes from empty to one token.
 */
export function CreateTokenDialog({ open, onOpenChange: setOpen }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = React.useState("");
  const [expiry, setExpiry] = React.useState("90");
  const [created, setCreated] = React.useState<CreatedToken | null>(null);
  const create = useCreateToken();
  const nameError = create.error instanceof ApiError ? create.error.issueFor("name") : undefined;

  function change(next: boolean) {
    setOpen(next);
    if (!next) {
      setName("");
      setExpiry("90");
      setCreated(null);
      create.reset();
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate({ name: name.trim(), expiresInDays: expiry === "never" ? undefined : Number(expiry) }, { onSuccess: setCreated });
  }

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent
        // A click outside must not throw away a token that is shown only once.
        onInteractOutside={(e) => created && e.preventDefault()}
      >
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy your new token</DialogTitle>
              <DialogDescription>
                <span className="font-medium text-foreground">{created.name}</span> is ready. Send it as{" "}
                <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>.
              </DialogDescription>
            </DialogHeader>
            <CopyField value={created.token} label="Copy token" testId="new-token" />
            <div role="note" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <p>This is the only time the token is shown. Store it in a secret manager now; if you lose it, revoke it and create a new one.</p>
            </div>
            <DialogFooter>
              <Button onClick={() => change(false)}>I have copied it</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="grid gap-5">
            <DialogHeader>
              <DialogTitle>Create an API token</DialogTitle>
              <DialogDescription>Tokens act as you, with your role in each of your tenants. Give each script or CI job its own token.</DialogDescription>
            </DialogHeader>
            <Field id="token-name" label="Name" error={nameError} hint="Helps you recognise it later, e.g. “GitHub Actions deploy”.">
              <Input {...fieldA11y("token-name", nameError)} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
            </Field>
            <div className="grid gap-1.5">
              <Label htmlFor="token-expiry">Expiration</Label>
              <Select value={expiry} onValueChange={setExpiry}>
                <SelectTrigger id="token-expiry">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {EXPIRY_OPTIONS.map((o) => (
                    <SelectItem key={o.value} value={o.value}>
                      {o.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => change(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
