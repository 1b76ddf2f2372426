"use client";

import * as React from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError } from "@/lib/queries/fetch-json";
import { checkRoute, useCreateRoute, type RouteDraft } from "@/lib/queries/domains/create-route";
import type { Overlap } from "@/lib/queries/domains/types";
import { OverlapList } from "./overlap-list";

const parseMethods = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);

/**
 * Attaches a path pattern on one domain to a function. While the form is filled in, the API is
 * asked (dry run) how the route would overlap the domain's others, so conflicts show before saving.
 */
export function RouteForm({ tenant, hostname, functions, fixedFunction, onDone }: { tenant: string; hostname: string; functions: string[]; fixedFunction?: string; onDone?(): void }) {
  const create = useCreateRoute();
  const [pattern, setPattern] = React.useState("/*");
  const [fn, setFn] = React.useState(fixedFunction ?? functions[0] ?? "");
  const [methods, setMethods] = React.useState("");
  const [priority, setPriority] = React.useState("0");
  const [overlaps, setOverlaps] = React.useState<Overlap[]>([]);
  const [checkError, setCheckError] = React.useState<ApiError | null>(null);
  const draft: RouteDraft = React.useMemo(
    () => ({ pattern: pattern.trim(), function: fn, methods: parseMethods(methods), priority: Number(priority) }),
    [pattern, fn, methods, priority],
  );

  React.useEffect(() => {
    if (!draft.pattern || !draft.function || !Number.isInteger(draft.priority)) return;
    let live = true;
    const t = setTimeout(() => {
      checkRoute({ tenant, hostname, route: draft })
        .then((r) => {
          if (!live) return;
          setOverlaps(r.overlaps);
          setCheckError(null);
        })
        .catch((e: unknown) => {
          if (!live) return;
          setOverlaps([]);
          setCheckError(e instanceof ApiError ? e : null);
        });
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [tenant, hostname, draft]);

  const err = create.error instanceof ApiError ? create.error : checkError;
  const patternError = err?.issueFor("pattern");
  const methodsError = err?.issueFor("methods");
  const priorityError = err?.issueFor("priority") ?? (Number.isInteger(Number(priority)) ? undefined : "must be an integer");
  const fnError = err?.issueFor("function");
  const blocked = overlaps.some((o) => o.kind === "ambiguous");
  const id = (s: string) => `route-${hostname}-${s}`;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate(
      { tenant, hostname, route: draft },
      {
        onSuccess: () => {
          setPattern("/*");
          setMethods("");
          setPriority("0");
          setOverlaps([]);
          onDone?.();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-3 rounded-md border bg-muted/30 p-3" data-testid={`route-form-${hostname}`}>
      <div className="grid gap-3 sm:grid-cols-[2fr_1.4fr_1fr_0.6fr_auto] sm:items-start">
        <Field id={id("pattern")} label="Path pattern" error={patternError} hint="/api/*, /users/:id">
          <Input {...fieldA11y(id("pattern"), patternError)} value={pattern} onChange={(e) => setPattern(e.target.value)} className="font-mono" spellCheck={false} />
        </Field>
        <Field id={id("function")} label="Function" error={fnError}>
          {fixedFunction ? (
            <Input id={id("function")} value={fixedFunction} readOnly className="font-mono" />
          ) : (
            <Select value={fn} onValueChange={setFn}>
              <SelectTrigger {...fieldA11y(id("function"), fnError)} aria-label="Function">
                <SelectValue placeholder="Choose a function" />
              </SelectTrigger>
              <SelectContent>
                {functions.map((f) => (
                  <SelectItem key={f} value={f}>
                    {f}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field id={id("methods")} label="Methods" error={methodsError} hint="Empty: all">
          <Input {...fieldA11y(id("methods"), methodsError)} value={methods} onChange={(e) => setMethods(e.target.value)} placeholder="GET, POST" spellCheck={false} />
        </Field>
        <Field id={id("priority")} label="Priority" error={priorityError}>
          <Input {...fieldA11y(id("priority"), priorityError)} value={priority} onChange={(e) => setPriority(e.target.value)} inputMode="numeric" />
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" loading={create.isPending} disabled={!draft.pattern || !fn || blocked || priorityError !== undefined}>
            <Plus />
            Add route
          </Button>
        </div>
      </div>
      {overlaps.length > 0 ? <OverlapList overlaps={overlaps} title="Before saving" /> : null}
    </form>
  );
}
