"use client";

import * as React from "react";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useAdminCreateUser } from "@/lib/queries/admin-users/create-user";
import { ApiError } from "@/lib/queries/fetch-json";
import type { PlatformRole } from "@/lib/queries/me/get-me";

const MIN_PASSWORD = 8;

export function AdminCreateUserDialog() {
  const [open, setOpen] = React.useState(false);
  const [form, setForm] = React.useState({ name: "", email: "", password: "" });
  const [platformRole, setPlatformRole] = React.useState<PlatformRole>("user");
  const [tooShort, setTooShort] = React.useState(false);
  const create = useAdminCreateUser();
  const err = create.error instanceof ApiError ? create.error : null;
  const emailError = err?.issueFor("email") ?? (err?.status === 409 ? err.message : undefined);
  const passwordError = tooShort ? `Use at least ${MIN_PASSWORD} characters.` : err?.issueFor("password");

  function change(next: boolean) {
    setOpen(next);
    if (!next) {
      setForm({ name: "", email: "", password: "" });
      setPlatformRole("user");
      setTooShort(false);
      create.reset();
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const short = form.password.length < MIN_PASSWORD;
    setTooShort(short);
    if (short) return;
    create.mutate({ name: form.name.trim(), email: form.email.trim(), password: form.password, platformRole }, { onSuccess: () => change(false) });
  }

  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus />
          Create user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Create a user</DialogTitle>
            <DialogDescription>Share the password with them over a safe channel; they can sign in right away.</DialogDescription>
          </DialogHeader>
          <Field id="admin-user-name" label="Name" error={err?.issueFor("name")}>
            <Input {...fieldA11y("admin-user-name", err?.issueFor("name"))} value={form.name} onChange={set("name")} required autoFocus />
          </Field>
          <Field id="admin-user-email" label="Email" error={emailError}>
            <Input {...fieldA11y("admin-user-email", emailError)} type="email" value={form.email} onChange={set("email")} required />
          </Field>
          <Field id="admin-user-password" label="Password" error={passwordError} hint={`At least ${MIN_PASSWORD} characters.`}>
            <Input
              {...fieldA11y("admin-user-password", passwordError)}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={set("password")}
              required
            />
          </Field>
          <div className="grid gap-1.5">
            <Label htmlFor="admin-user-role">Platform role</Label>
            <Select value={platformRole} onValueChange={(v) => setPlatformRole(v as PlatformRole)}>
              <SelectTrigger id="admin-user-role">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="user" description="Uses the console in the tenants they belong to">
                  User
                </SelectItem>
                <SelectItem value="admin" description="Also manages every tenant and user on the platform">
                  Admin
                </SelectItem>
              </SelectContent>
            </Select>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
