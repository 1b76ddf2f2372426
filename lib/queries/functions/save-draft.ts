import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "../fetch-json";
import type { Draft } from "./get-draft";
import { fnPath } from "./paths";

export type SaveDraftInput = { tenant: string; fn: string; files: Record<string, string>; entry: string; baseRevision: number };

export const saveDraft = ({ tenant, fn, files, entry, baseRevision }: SaveDraftInput) =>
  fetchJson<Draft>(fnPath(tenant, fn, "/draft"), { method: "PUT", body: { files, entry, baseRevision } });

/**
 * Autosave. It deliberately does not write the draft query's cache: the editor holds the text,
 * and only the revision it saves against changes. A conflict is shown in the editor's save status,
 * so the default toast names it plainly.
 */
export function useSaveDraft() {
  return useMutation({ mutationFn: saveDraft, meta: { errorTitle: "Could not save the draft" } });
}
