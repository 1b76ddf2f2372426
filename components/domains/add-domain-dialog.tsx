"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/queries/fetch-json";
import { useCreateDomain } from "@/lib/queries/domains/create-domain";

export function AddDomainDialog({ tenant, open, onOpenChange }: { tenant: string; open: boolean; onOpenChange(open: boolean): void }) {
  const create = useCreateDomain();
  const [hostname, setHostname] = React.useState("");
  const err = create.error instanceof ApiError ? create.error : null;
  const error = err ? (err.issueFor("hostname") ?? err.message) : undefined;

  function change(next: boolean) {
    if (!next) {
      setHostname("");
      create.reset();
    }
    onOpenChange(next);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate({ tenant, hostname: hostname.trim() }, { onSuccess: () => change(false) });
  }

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Add a domain</DialogTitle>
            <DialogDescription>
              An exact hostname or a wildcard such as <code className="font-mono text-xs">*.example.com</code>. A hostname belongs to one tenant only. Names under{" "}
              <code className="font-mono text-xs">.localhost</code> are verified at once; others need a DNS TXT record.
            </DialogDescription>
          </DialogHeader>
          <Field id="domain-hostname" label="Hostname" error={error} hint="Without scheme, port or path.">
            <Input {...fieldA11y("domain-hostname", error)} value={hostname} onChange={(e) => setHostname(e.target.value)} placeholder="shop.example.com" autoFocus autoComplete="off" spellCheck={false} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!hostname.trim()}>
              Add domain
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
