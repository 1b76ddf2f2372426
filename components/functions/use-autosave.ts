"use client";

import * as React from "react";
import { ApiError } from "@/lib/queries/fetch-json";
import type { Draft } from "@/lib/queries/functions/get-draft";
import { saveDraft } from "@/lib/queries/functions/save-draft";
import { toastError } from "@/lib/queries/query-client";

export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "error";

type Snapshot = { files: Record<string, string>; entry: string };

const DEBOUNCE_MS = 1000;

/**
 * Saves the editor's files about a second after the last change, one save at a time, each based on
 * the revision the previous save returned. A 409 stops autosaving: another tab or person saved in
 * between and only the user can decide what to keep. Plain object, outside React's render cycle.
 */
class DraftSaver {
  private revision: number;
  private latest: Snapshot;
  private saved: Snapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly target: { tenant: string; fn: string; enabled: boolean },
    initial: Draft,
    private readonly report: (status: SaveStatus, savedAt?: string | null) => void,
  ) {
    this.revision = initial.revision;
    this.latest = { files: initial.files, entry: initial.entry };
    this.saved = this.latest;
  }

  change(next: Snapshot): void {
    this.latest = next;
    if (this.stopped) return;
    if (!this.inFlight) this.report("dirty");
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const { tenant, fn, enabled } = this.target;
    if (this.inFlight || this.stopped || !enabled) return;
    const snap = this.latest;
    if (snap === this.saved) return;
    this.inFlight = true;
    this.report("saving");
    try {
      const r = await saveDraft({ tenant, fn, files: snap.files, entry: snap.entry, baseRevision: this.revision });
      this.revision = r.revision;
      this.saved = snap;
      this.report(this.latest === snap ? "saved" : "dirty", r.updatedAt);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        this.stopped = true;
        this.report("conflict");
      } else {
        this.report("error");
        toastError(err, "Could not save the draft");
      }
    } finally {
      this.inFlight = false;
    }
    // Changes made while the save was in flight get their own save.
    if (!this.stopped && this.latest !== this.saved) this.schedule();
  }
}

export function useAutosave({ tenant, fn, initial, enabled }: { tenant: string; fn: string; initial: Draft; enabled: boolean }) {
  const [status, setStatus] = React.useState<SaveStatus>("saved");
  const [savedAt, setSavedAt] = React.useState<string | null>(initial.updatedAt);
  const [saver] = React.useState(
    () =>
      new DraftSaver({ tenant, fn, enabled }, initial, (s, at) => {
        setStatus(s);
        if (at !== undefined) setSavedAt(at);
      }),
  );
  React.useEffect(() => () => saver.dispose(), [saver]);

  const dirty = status !== "saved";

  // Leaving the page (reload, close, typing a URL) while work is unsaved asks first.
  React.useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // In-app links do not unload the page; catch their clicks before Next.js's router sees them.
  React.useEffect(() => {
    if (!dirty) return;
    const guard = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.origin !== window.location.origin) return;
      if (a.pathname === window.location.pathname) return;
      if (!window.confirm("This function has changes that are not saved yet. Leave anyway and lose them?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener("click", guard, true);
    return () => document.removeEventListener("click", guard, true);
  }, [dirty]);

  return { status, savedAt, saver };
}
