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
  | { type: "stats"; heapBytes: number; isolates: number }
  | { type: "previewResult"; id: number; result?: PreviewResult; error?: string };
