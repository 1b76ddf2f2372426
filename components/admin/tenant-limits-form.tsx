"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { LimitOverrides } from "@/drizzle/schema";
import type { AdminTenantDetail } from "@/lib/queries/admin-tenants/get-tenant";
import { useUpdateAdminTenant } from "@/lib/queries/admin-tenants/update-tenant";
import { ApiError } from "@/lib/queries/fetch-json";
import { usePlans } from "@/lib/queries/plans/list-plans";
import { LIMIT_FIELDS, parseNumberField, type LimitKey } from "./limit-fields";

type Draft = Record<LimitKey | "spendCapMinor", string>;

function toDraft(o: LimitOverrides): Draft {
  const d = Object.fromEntries(LIMIT_FIELDS.map((f) => [f.key, o[f.key] === undefined ? "" : String(o[f.key])])) as Draft;
  d.spendCapMinor = o.spendCapMinor === undefined ? "" : o.spendCapMinor === null ? "none" : String(o.spendCapMinor);
  return d;
}

/** Change plan, and per-tenant overrides on top of the plan (blank = the plan's value). */
export function TenantLimitsForm({ detail }: { detail: AdminTenantDetail }) {
  const { tenant, usage } = detail;
  const plans = usePlans();
  const update = useUpdateAdminTenant();
  const [plan, setPlan] = React.useState(tenant.plan);
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(tenant.limitOverrides));
  const err = update.error instanceof ApiError ? update.error : null;
  const issue = (k: string) => err?.issues.find((i) => i.path === `limits.${k}`)?.message;
  const planDef = plans.data?.find((p) => p.id === tenant.plan);

  function saveLimits(e: React.FormEvent) {
    e.preventDefault();
    const limits: LimitOverrides = {};
    for (const f of LIMIT_FIELDS) {
      const n = parseNumberField(draft[f.key]);
      if (n !== undefined) limits[f.key] = n;
    }
    const cap = draft.spendCapMinor.trim().toLowerCase();
    if (cap === "none") limits.spendCapMinor = null;
    else if (cap !== "") limits.spendCapMinor = parseNumberField(cap);
    update.mutate({ slug: tenant.slug, limits });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Plan and limits</CardTitle>
        <CardDescription>Changes reach every runtime node through the change feed and apply to the next request.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1.5">
            <label htmlFor="tenant-plan" className="text-sm font-medium">
              Plan
            </label>
            <Select value={plan} onValueChange={setPlan}>
              <SelectTrigger id="tenant-plan" className="w-56" aria-label="Plan">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(plans.data ?? [{ id: tenant.plan, name: usage.plan.name }]).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button disabled={plan === tenant.plan} loading={update.isPending && update.variables?.plan !== undefined} onClick={() => update.mutate({ slug: tenant.slug, plan })}>
            Change plan
          </Button>
        </div>
        <form onSubmit={saveLimits} className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {LIMIT_FIELDS.map((f) => (
              <Field key={f.key} id={`limit-${f.key}`} label={`${f.label}${f.unit ? ` (${f.unit})` : ""}`} error={issue(f.key)}>
                <Input
                  {...fieldA11y(`limit-${f.key}`, issue(f.key))}
                  inputMode="numeric"
                  value={draft[f.key]}
                  placeholder={planDef ? `plan: ${planDef[f.key].toLocaleString()}` : "plan's value"}
                  onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                />
              </Field>
            ))}
            <Field id="limit-spendCapMinor" label={`Spend cap (${usage.currency} minor units)`} error={issue("spendCapMinor")} hint="“none” removes the plan's cap">
              <Input
                {...fieldA11y("limit-spendCapMinor", issue("spendCapMinor"))}
                value={draft.spendCapMinor}
                placeholder={planDef ? `plan: ${planDef.spendCapMinor ?? "none"}` : "plan's value"}
                onChange={(e) => setDraft({ ...draft, spendCapMinor: e.target.value })}
              />
            </Field>
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => setDraft(toDraft({}))}>
              Clear overrides
            </Button>
            <Button type="submit" loading={update.isPending && update.variables?.limits !== undefined}>
              Save overrides
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
