"use client";

import * as React from "react";
import { AlertTriangle, RotateCw } from "lucide-react";
import { ApiError } from "@/lib/queries/fetch-json";
import { cn } from "@/lib/utils";
import { Button } from "./button";

type ErrorStateProps = {
  error: unknown;
  /** Shown above the message, e.g. "Could not load members". */
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
};

/** A failed load: what went wrong, the request id to quote, and a way to try again. */
export function ErrorState({ error, title = "Something went wrong", onRetry, retrying, className }: ErrorStateProps) {
  const message = error instanceof Error ? error.message : "An unexpected error occurred.";
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div role="alert" data-testid="error-state" className={cn("flex items-start gap-3 rounded-lg border border-red-200 bg-red-50/60 p-4", className)}>
      <AlertTriangle className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden />
      <div className="grid min-w-0 flex-1 gap-1">
        <p className="text-sm font-medium text-red-900">{title}</p>
        <p className="text-sm break-words text-red-800">{message}</p>
        {requestId ? (
          <p className="text-xs text-red-700/80">
            Request id <code className="font-mono select-all">{requestId}</code>
          </p>
        ) : null}
      </div>
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry} loading={retrying} className="bg-background">
          {retrying ? null : <RotateCw />}
          Retry
        </Button>
      ) : null}
    </div>
  );
}
