/** IPC between the primary and its workers (JSON-serialised by node:cluster). */
import type { Change, LogEntry, Snapshot } from "../protocol/index.ts";
import type { InvocationRecord } from "../metering/types.ts";
import type { PreviewResult, PreviewRun } from "../protocol/preview.ts";

export type ToWorker = { type: "snapshot"; snapshot: Snapshot } | { type: "changes"; changes: Change[]; revision: number } | { type: "activate" }
  | { type: "preview"; id: number; job: PreviewRun };

export type ToPrimary =
  | { type: "hello" }
  | { type: "applied"; revision: number }
  | { type: "listening" }
  | { type: "meter"; records: InvocationRecord[]; logs: LogEntry[] }
  /** Every second; `refusing` says why the worker refuses requests (its journal cannot be written). */
  | { type: "stats"; heapBytes: number; isolates: number; refusing: string | null }
  | { type: "previewResult"; id: number; result?: PreviewResult; error?: string };
