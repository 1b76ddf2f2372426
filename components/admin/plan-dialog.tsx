"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/queries/fetch-json";
import { useSavePlan } from "@/lib/queries/plans/save-plan";
import type { Plan, PlanInput } from "@/lib/queries/plans/types";
import { LIMIT_FIELDS, parseNumberField } from "./limit-fields";

const MONEY_FIELDS = [
  { key: "monthlyPriceMinor", label: "Monthly price" },
  { key: "pricePerMillionRequestsMinor", label: "Per extra million requests" },
  { key: "pricePerMillionCpuMsMinor", label: "Per extra million CPU-ms" },
] as const;

type Draft = Record<string, string>;

function toDraft(p: Plan | null): Draft {
  if (!p) return { id: "", name: "", currency: "USD", overage: "true", spendCapMinor: "" };
  const d: Draft = { id: p.id, name: p.name, currency: p.currency, overage: String(p.overage), spendCapMinor: p.spendCapMinor === null ? "" : String(p.spendCapMinor) };
  for (const f of [...LIMIT_FIELDS, ...MONEY_FIELDS]) d[f.key] = String(p[f.key]);
  return d;
}

/** Creates a plan (plan = null) or edits one; money is entered in minor units (cents for USD). */
export function PlanDialog({ plan, open, onOpenChange }: { plan: Plan | null; open: boolean; onOpenChange: (o: boolean) => void }) {
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(plan));
  const save = useSavePlan();
  const err = save.error instanceof ApiError ? save.error : null;
  const issue = (k: string) => err?.issueFor(k) ?? (k === "id" && err?.status === 409 ? err.message : undefined);
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [k]: e.target.value });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = { name: draft.name!.trim(), currency: draft.currency!.trim().toUpperCase(), overage: draft.overage === "true" };
    for (const f of [...LIMIT_FIELDS, ...MONEY_FIELDS]) body[f.key] = parseNumberField(draft[f.key] ?? "");
    body.spendCapMinor = draft.spendCapMinor?.trim() ? parseNumberField(draft.spendCapMinor) : null;
    save.mutate({ id: plan?.id ?? draft.id!.trim(), create: !plan, plan: body as PlanInput }, { onSuccess: () => onOpenChange(false) });
  }

  const num = (key: string, label: string, hint?: string) => (
    <Field key={key} id={`plan-${key}`} label={label} error={issue(key)} hint={hint}>
      <Input {...fieldA11y(`plan-${key}`, issue(key))} inputMode="numeric" value={draft[key] ?? ""} onChange={set(key)} />
    </Field>
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{plan ? `Edit ${plan.name}` : "New plan"}</DialogTitle>
            <DialogDescription>
              {plan ? `Saving sends the new limits to the ${plan.tenants ?? 0} tenants on this plan at once.` : "Prices are whole minor units of the currency (cents for USD)."}
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-3">
            {plan ? null : (
              <Field id="plan-id" label="Id" error={issue("id")} hint="lowercase slug">
                <Input {...fieldA11y("plan-id", issue("id"))} value={draft.id} onChange={set("id")} className="font-mono" required />
              </Field>
            )}
            <Field id="plan-name" label="Name" error={issue("name")}>
              <Input {...fieldA11y("plan-name", issue("name"))} value={draft.name} onChange={set("name")} required />
            </Field>
            <Field id="plan-currency" label="Currency" error={issue("currency")}>
              <Input {...fieldA11y("plan-currency", issue("currency"))} value={draft.currency} onChange={set("currency")} maxLength={3} className="uppercase" />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">{MONEY_FIELDS.map((f) => num(f.key, `${f.label} (minor units)`))}</div>
          <div className="grid gap-4 sm:grid-cols-3">{LIMIT_FIELDS.map((f) => num(f.key, `${f.label}${f.unit ? ` (${f.unit})` : ""}`))}</div>
          <div className="grid gap-4 sm:grid-cols-3">
            {num("spendCapMinor", "Spend cap (minor units)", "blank = no cap")}
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" className="size-4 accent-primary" checked={draft.overage === "true"} onChange={(e) => setDraft({ ...draft, overage: String(e.target.checked) })} />
              Bill usage beyond the allowance (off: stop at it, like Free)
            </label>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {plan ? "Save plan" : "Create plan"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
