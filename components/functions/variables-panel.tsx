"use client";

import * as React from "react";
import { KeyRound, Lock, Pencil, Plus, Trash2 } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError } from "@/lib/queries/fetch-json";
import { useDeleteVariable } from "@/lib/queries/functions/delete-variable";
import { useVariables, type Variable } from "@/lib/queries/functions/list-variables";
import { usePutVariable } from "@/lib/queries/functions/put-variable";
import { formatDateTime, formatRelative } from "@/lib/utils";

type Editing = { mode: "add" } | { mode: "edit"; variable: Variable };

export function VariablesPanel({ tenant, fn, canEdit }: { tenant: string; fn: string; canEdit: boolean }) {
  const vars = useVariables(tenant, fn);
  const del = useDeleteVariable();
  const [editing, setEditing] = React.useState<Editing | null>(null);
  const [deleting, setDeleting] = React.useState<string | null>(null);
  const addButton = canEdit ? (
    <Button size="sm" onClick={() => setEditing({ mode: "add" })} data-testid="add-variable">
      <Plus />
      Add variable
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (vars.isPending) body = <TableSkeleton rows={2} columns={3} />;
  else if (vars.isError) body = <ErrorState title="Could not load the variables" error={vars.error} onRetry={() => vars.refetch()} retrying={vars.isFetching} />;
  else if (vars.data.length === 0)
    body = (
      <EmptyState icon={KeyRound} title="No variables or secrets" action={addButton}>
        Your code reads them as <code className="font-mono text-xs">env.NAME</code>. Secrets are encrypted at rest and never shown again after saving.
      </EmptyState>
    );
  else
    body = (
      <Table data-testid="variables-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Name</TableHead>
            <TableHead>Value</TableHead>
            <TableHead>Updated</TableHead>
            <TableHead className="w-24"><span className="sr-only">Actions</span></TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {vars.data.map((v) => (
            <TableRow key={v.name} data-testid={`variable-row-${v.name}`}>
              <TableCell className="font-mono text-[13px] font-medium">{v.name}</TableCell>
              <TableCell>
                {v.secret ? (
                  <span className="inline-flex items-center gap-1.5 text-muted-foreground">
                    <Lock className="size-3.5" aria-hidden />
                    ••••• (write-only)
                    <Badge variant="outline">secret</Badge>
                  </span>
                ) : (
                  <code className="block max-w-md truncate font-mono text-[13px]" title={v.value}>{v.value || <span className="text-muted-foreground">(empty)</span>}</code>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(v.updatedAt)}>{formatRelative(v.updatedAt)}</TableCell>
              <TableCell className="text-right whitespace-nowrap">
                {canEdit ? (
                  <>
                    <Button variant="ghost" size="icon-sm" aria-label={v.secret ? `Replace secret ${v.name}` : `Edit ${v.name}`} onClick={() => setEditing({ mode: "edit", variable: v })}>
                      <Pencil />
                    </Button>
                    <Button variant="ghost" size="icon-sm" aria-label={`Delete ${v.name}`} className="hover:text-destructive" onClick={() => setDeleting(v.name)}>
                      <Trash2 />
                    </Button>
                  </>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <section className="grid gap-4">
      <div className="flex items-end justify-between gap-4">
        <p className="max-w-2xl text-sm text-muted-foreground">
          Available to the function as <code className="font-mono text-xs">env.NAME</code>. Changes reach the runtime right away, without a new deploy.
        </p>
        {vars.isSuccess && vars.data.length > 0 ? addButton : null}
      </div>
      {body}
      <VariableDialog tenant={tenant} fn={fn} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete ${deleting ?? "variable"}?`}
        description="The function stops seeing it from its next request on."
        confirmLabel="Delete"
        pending={del.isPending}
        onConfirm={() => del.mutateAsync({ tenant, fn, name: deleting! })}
      />
    </section>
  );
}

function VariableDialog({ tenant, fn, editing, onClose }: { tenant: string; fn: string; editing: Editing | null; onClose(): void }) {
  const put = usePutVariable();
  const [name, setName] = React.useState("");
  const [value, setValue] = React.useState("");
  const [secret, setSecret] = React.useState(false);
  const [prev, setPrev] = React.useState(editing);
  if (prev !== editing) {
    setPrev(editing);
    const v = editing?.mode === "edit" ? editing.variable : null;
    setName(v?.name ?? "");
    // A secret's value is never sent to the browser: replacing it starts from empty.
    setValue(v && !v.secret ? v.value : "");
    setSecret(v?.secret ?? false);
    put.reset();
  }
  const err = put.error instanceof ApiError ? put.error : null;
  const nameError = err?.issueFor("name");
  const valueError = err?.issueFor("value");
  const isEdit = editing?.mode === "edit";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    put.mutate(
      { tenant, fn, name: name.trim(), value, secret },
      {
        onSuccess: () => {
          setValue("");
          onClose();
        },
      },
    );
  }

  return (
    <Dialog open={editing !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{isEdit ? (secret ? `Replace secret ${name}` : `Edit ${name}`) : "Add a variable"}</DialogTitle>
            <DialogDescription>{secret ? "A secret is encrypted at rest and write-only: after saving, nobody can read it back here or through the API." : "A plain variable is visible to every member of the tenant."}</DialogDescription>
          </DialogHeader>
          <Field id="variable-name" label="Name" error={nameError} hint="Letters, digits and '_', not starting with a digit.">
            <Input {...fieldA11y("variable-name", nameError)} value={name} onChange={(e) => setName(e.target.value)} readOnly={isEdit} required autoFocus={!isEdit} className="font-mono" />
          </Field>
          <Field id="variable-value" label="Value" error={valueError}>
            <Input
              {...fieldA11y("variable-value", valueError)}
              type={secret ? "password" : "text"}
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoFocus={isEdit}
              className="font-mono"
            />
          </Field>
          <label className="flex items-center gap-3 text-sm">
            <button
              type="button"
              role="switch"
              aria-checked={secret}
              aria-label="Secret"
              disabled={isEdit && editing.variable.secret}
              onClick={() => setSecret((s) => !s)}
              className="relative h-5 w-9 shrink-0 rounded-full bg-zinc-300 transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60 aria-checked:bg-primary"
            >
              <span className={`absolute top-0.5 left-0.5 size-4 rounded-full bg-white shadow transition-transform ${secret ? "translate-x-4" : ""}`} />
            </button>
            <span>
              <span className="font-medium">Secret</span>
              <span className="block text-xs text-muted-foreground">Write-only; shown as ••••• after saving.</span>
            </span>
          </label>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={put.isPending}>{isEdit ? "Save" : "Add"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
