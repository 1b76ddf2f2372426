import * as React from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

type FieldProps = {
  id: string;
  label: React.ReactNode;
  /** Shown under the control in muted text. */
  hint?: React.ReactNode;
  /** Shown under the control in red; the control should set aria-invalid and aria-describedby. */
  error?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

/** Label + control + hint/error, spaced consistently across every form. */
export function Field({ id, label, hint, error, className, children }: FieldProps) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-[13px] text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Props to spread on a control inside <Field> so screen readers announce its error. */
export function fieldA11y(id: string, error?: React.ReactNode) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : `${id}-hint` };
}
