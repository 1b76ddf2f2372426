"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { cn } from "@/lib/utils";
import { Button, type ButtonProps } from "./button";

type CopyButtonProps = Omit<ButtonProps, "onClick" | "children"> & {
  value: string;
  /** Accessible name and tooltip-like label, e.g. "Copy token". */
  label?: string;
  /** Show the label next to the icon instead of only to screen readers. */
  showLabel?: boolean;
};

async function writeClipboard(value: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(value);
    return;
  }
  // Plain-http origins other than localhost have no async clipboard API.
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

export function CopyButton({ value, label = "Copy", showLabel = false, variant = "outline", size, className, ...props }: CopyButtonProps) {
  const [copied, setCopied] = React.useState(false);
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  React.useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await writeClipboard(value);
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Could not copy to the clipboard. Select the text and copy it by hand.");
    }
  }

  return (
    <Button
      type="button"
      variant={variant}
      size={size ?? (showLabel ? "sm" : "icon-sm")}
      onClick={copy}
      aria-label={showLabel ? undefined : label}
      className={cn(className)}
      {...props}
    >
      {copied ? <Check className="text-success" /> : <Copy />}
      {showLabel ? (copied ? "Copied" : label) : <span className="sr-only" aria-live="polite">{copied ? "Copied" : ""}</span>}
    </Button>
  );
}

/**
 * A read-only monospace value with a copy button beside it (links, tokens, slugs). It is an input
 * so that a click selects the whole value for copying by hand.
 */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div data-testid={testId} className="flex min-w-0 items-center gap-2 rounded-md border bg-muted/50 py-1 pr-1 pl-3">
      <input
        readOnly
        value={value}
        aria-label={label.replace(/^Copy /, "")}
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 truncate bg-transparent font-mono text-[13px] outline-none"
        title={value}
      />
      <CopyButton value={value} label={label} variant="ghost" />
    </div>
  );
}
