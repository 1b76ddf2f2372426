"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/queries/fetch-json";
import { useCreateFunction } from "@/lib/queries/functions/create-function";
import { deployedMessage } from "@/lib/queries/functions/deploy-function";
import { TEMPLATES, templateById } from "@/lib/templates";
import { cn, slugify } from "@/lib/utils";
import { toast } from "sonner";

/** Name + template; creates the function, deploys the template as version 1, opens the editor. */
export function NewFunctionDialog({ tenant, open, onOpenChange }: { tenant: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [name, setName] = React.useState("");
  const [template, setTemplate] = React.useState(TEMPLATES[0]!.id);
  const create = useCreateFunction();
  const nameError = create.error instanceof ApiError ? (create.error.issueFor("name") ?? (create.error.status === 409 ? create.error.message : undefined)) : undefined;

  function change(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setName("");
      setTemplate(TEMPLATES[0]!.id);
      create.reset();
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const t = templateById(template);
    create.mutate(
      { tenant, name: name.trim(), files: t.files, entry: t.entry, templateName: t.name },
      {
        onSuccess: ({ fn, deploy }) => {
          toast.success(deployedMessage(deploy));
          router.push(`/${tenant}/functions/${fn.name}`);
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent className="max-w-2xl">
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>New function</DialogTitle>
            <DialogDescription>Pick a starting point. It is deployed as version 1 right away, then opens in the editor.</DialogDescription>
          </DialogHeader>
          <Field id="function-name" label="Name" error={nameError} hint="Lowercase letters, digits and hyphens; it becomes part of the function's URL.">
            <Input
              {...fieldA11y("function-name", nameError)}
              value={name}
              onChange={(e) => setName(e.target.value.toLowerCase())}
              onBlur={() => setName((n) => slugify(n).slice(0, 63))}
              maxLength={63}
              placeholder="my-function"
              required
              autoFocus
            />
          </Field>
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Template</legend>
            <div role="radiogroup" aria-label="Template" className="grid gap-2 sm:grid-cols-2">
              {TEMPLATES.map((t) => (
                <label
                  key={t.id}
                  data-testid={`template-${t.id}`}
                  className={cn(
                    "flex cursor-pointer gap-2.5 rounded-lg border p-3 text-sm transition-colors hover:bg-muted/50",
                    template === t.id && "border-primary bg-primary/5 ring-1 ring-primary",
                  )}
                >
                  <input type="radio" name="template" value={t.id} checked={template === t.id} onChange={() => setTemplate(t.id)} className="mt-0.5 accent-(--color-primary)" />
                  <span className="grid gap-0.5">
                    <span className="font-medium">{t.name}</span>
                    <span className="text-xs text-muted-foreground">{t.description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and deploy
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
