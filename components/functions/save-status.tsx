import { AlertTriangle, Check, CircleDot, Loader2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/utils";
import type { SaveStatus } from "./use-autosave";

const LOOK: Record<SaveStatus, { label: string; variant: "success" | "outline" | "warning" | "destructive"; icon: React.ReactNode }> = {
  saved: { label: "Saved", variant: "outline", icon: <Check /> },
  dirty: { label: "Unsaved changes", variant: "warning", icon: <CircleDot /> },
  saving: { label: "Saving…", variant: "outline", icon: <Loader2 className="animate-spin" /> },
  conflict: { label: "Conflict", variant: "destructive", icon: <AlertTriangle /> },
  error: { label: "Not saved", variant: "destructive", icon: <AlertTriangle /> },
};

/** The draft's autosave state, always visible next to Deploy. */
export function SaveStatusBadge({ status, savedAt }: { status: SaveStatus; savedAt: string | null }) {
  const look = LOOK[status];
  return (
    <Badge variant={look.variant} role="status" aria-live="polite" data-testid="save-status" title={savedAt ? `Draft last saved ${formatDateTime(savedAt)}` : undefined}>
      {look.icon}
      {look.label}
    </Badge>
  );
}
