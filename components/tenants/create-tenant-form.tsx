"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/queries/fetch-json";
import { useCreateTenant } from "@/lib/queries/tenants/create-tenant";
import { slugify } from "@/lib/utils";

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Name and slug; the slug follows the name until the user edits it. */
export function CreateTenantForm() {
  const router = useRouter();
  const [name, setName] = React.useState("");
  const [slug, setSlug] = React.useState("");
  const [slugTouched, setSlugTouched] = React.useState(false);
  const create = useCreateTenant();
  const apiError = create.error instanceof ApiError ? create.error : null;
  const slugLocalError = slug && (!SLUG_RE.test(slug) || slug.length < 2) ? "Use at least 2 lowercase letters, digits or inner hyphens." : null;
  // A taken slug comes back as 409 without field issues; it can only be about the slug.
  const slugError = slugLocalError ?? apiError?.issueFor("slug") ?? (apiError?.status === 409 ? apiError.message : undefined);
  const nameError = apiError?.issueFor("name");

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (slugLocalError) return;
    create.mutate({ name: name.trim(), slug }, { onSuccess: (t) => router.push(`/${t.slug}/functions`) });
  }

  return (
    <form onSubmit={submit} className="grid gap-5">
      <Field id="tenant-name" label="Tenant name" error={nameError} hint="Your company, team or project.">
        <Input
          {...fieldA11y("tenant-name", nameError)}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value).slice(0, 40));
          }}
          maxLength={80}
          required
          autoFocus
          placeholder="Acme Inc."
        />
      </Field>
      <Field id="tenant-slug" label="Slug" error={slugError} hint={
          <>
            Appears in URLs such as <code className="font-mono text-foreground">/{slug || "acme"}/functions</code> and in the API. It cannot be changed
            later.
          </>
        }>
        <Input
          {...fieldA11y("tenant-slug", slugError)}
          value={slug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value.toLowerCase());
          }}
          maxLength={40}
          required
          className="font-mono"
          placeholder="acme"
        />
      </Field>
      <Button type="submit" className="w-full" loading={create.isPending || create.isSuccess}>
        Create tenant
      </Button>
    </form>
  );
}
