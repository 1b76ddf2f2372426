"use client";

import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { Input } from "./input";
import { Label } from "./label";

export const AlertDialog = AlertDialogPrimitive.Root;
export const AlertDialogTrigger = AlertDialogPrimitive.Trigger;

export function AlertDialogContent({ className, ...props }: React.ComponentProps<typeof AlertDialogPrimitive.Content>) {
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-[1px]" />
      <AlertDialogPrimitive.Content
        className={cn(
          "fixed top-[50%] left-[50%] z-50 grid grid-cols-1 w-[calc(100%-2rem)] max-w-md translate-x-[-50%] translate-y-[-50%] gap-5 rounded-xl border bg-background p-6 shadow-xl outline-none data-[state=open]:animate-in",
          className,
        )}
        {...props}
      />
    </AlertDialogPrimitive.Portal>
  );
}

export const AlertDialogTitle = ({ className, ...props }: React.ComponentProps<typeof AlertDialogPrimitive.Title>) => (
  <AlertDialogPrimitive.Title className={cn("text-lg leading-none font-semibold", className)} {...props} />
);
export const AlertDialogDescription = ({ className, ...props }: React.ComponentProps<typeof AlertDialogPrimitive.Description>) => (
  <AlertDialogPrimitive.Description className={cn("text-sm text-muted-foreground", className)} {...props} />
);
export const AlertDialogCancel = AlertDialogPrimitive.Cancel;
export const AlertDialogAction = AlertDialogPrimitive.Action;

type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description: React.ReactNode;
  /** Label of the destructive button, e.g. "Revoke token". */
  confirmLabel: string;
  /** When set, the user must type this exact text before the action is enabled. */
  confirmText?: string;
  pending?: boolean;
  /** Runs the action; the dialog closes when it resolves and stays open when it throws. */
  onConfirm: () => Promise<unknown>;
};

/**
 * Confirmation for destructive actions. The dialog stays open while the action runs so that a
 * failure can be seen next to what was attempted (the mutation also toasts the API's message).
 */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, confirmText, pending, onConfirm }: ConfirmDialogProps) {
  const [typed, setTyped] = React.useState("");
  const inputId = React.useId();
  const blocked = confirmText !== undefined && typed !== confirmText;

  function change(next: boolean) {
    if (!next) setTyped("");
    onOpenChange(next);
  }

  async function confirm(e: React.FormEvent) {
    e.preventDefault();
    if (blocked) return;
    try {
      await onConfirm();
      change(false);
    } catch {
      // The mutation's error toast already told the user; keep the dialog open to retry.
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={change}>
      <AlertDialogContent>
        <form onSubmit={confirm} className="grid gap-5">
          <div className="grid gap-2">
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription asChild>
              <div>{description}</div>
            </AlertDialogDescription>
          </div>
          {confirmText !== undefined ? (
            <div className="grid gap-2">
              <Label htmlFor={inputId} className="font-normal text-muted-foreground">
                Type <span className="font-mono font-medium text-foreground">{confirmText}</span> to confirm
              </Label>
              <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
            </div>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogCancel asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </AlertDialogCancel>
            <Button type="submit" variant="destructive" loading={pending} disabled={blocked}>
              {confirmLabel}
            </Button>
          </div>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
