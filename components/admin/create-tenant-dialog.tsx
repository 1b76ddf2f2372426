"use client";

import * as React from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useAdminCreateTenant } from "@/lib/queries/admin-tenants/create-tenant";
import { ApiError } from "@/lib/queries/fetch-json";
import { usePlans } from "@/lib/queries/plans/list-plans";
import { slugify } from "@/lib/utils";

export function AdminCreateTenantDialog() {
  const [open, setOpen] = React.useState(false);
  const [name, setName] = React.useState("");
  const [slug, setSlug] = React.useState("");
  const [slugTouched, setSlugTouched] = React.useState(false);
  const [ownerEmail, setOwnerEmail] = React.useState("");
  const [plan, setPlan] = React.useState("free");
  const plans = usePlans();
  const create = useAdminCreateTenant();
  const err = create.error instanceof ApiError ? create.error : null;
  const slugError = err?.issueFor("slug") ?? (err?.status === 409 ? err.message : undefined);

  function change(next: boolean) {
    setOpen(next);
    if (!next) {
      setName("");
      setSlug("");
      setSlugTouched(false);
      setOwnerEmail("");
      setPlan("free");
      create.reset();
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate({ name: name.trim(), slug, ownerEmail: ownerEmail.trim(), plan }, { onSuccess: () => change(false) });
  }

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <Plus />
          Create tenant
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Create a tenant</DialogTitle>
            <DialogDescription>The owner must already have an account; they see the tenant the next time they open the console.</DialogDescription>
          </DialogHeader>
          <Field id="admin-tenant-name" label="Name" error={err?.issueFor("name")}>
            <Input
              {...fieldA11y("admin-tenant-name", err?.issueFor("name"))}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (!slugTouched) setSlug(slugify(e.target.value).slice(0, 40));
              }}
              maxLength={80}
              required
              autoFocus
            />
          </Field>
          <Field id="admin-tenant-slug" label="Slug" error={slugError} hint="Lowercase letters, digits and inner hyphens.">
            <Input
              {...fieldA11y("admin-tenant-slug", slugError)}
              value={slug}
              onChange={(e) => {
                setSlugTouched(true);
                setSlug(e.target.value.toLowerCase());
              }}
              maxLength={40}
              required
              className="font-mono"
            />
          </Field>
          <Field id="admin-tenant-owner" label="Owner email" error={err?.issueFor("ownerEmail")}>
            <Input
              {...fieldA11y("admin-tenant-owner", err?.issueFor("ownerEmail"))}
              type="email"
              value={ownerEmail}
              onChange={(e) => setOwnerEmail(e.target.value)}
              required
              placeholder="owner@company.com"
            />
          </Field>
          <Field id="admin-tenant-plan" label="Plan" error={err?.issueFor("plan")}>
            <Select value={plan} onValueChange={setPlan}>
              <SelectTrigger id="admin-tenant-plan" aria-label="Plan">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(plans.data ?? [{ id: "free", name: "Free" }]).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create tenant
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
