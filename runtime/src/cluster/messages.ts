/** IPC between the primary and its workers (JSON-serialised by node:cluster). */
import type { Change, LogEntry, Snapshot } from "../protocol/index.ts";
import type { InvocationRecord } from "../metering/types.ts";

export type ToWorker = { type: "snapshot"; snapshot: Snapshot } | { type: "changes"; changes: Change[]; revision: number } | { type: "activate" };

export type ToPrimary =
  | { type: "hello" }
  | { type: "applied"; revision: number }
  | { type: "listening" }
  | { type: "meter"; records: InvocationRecord[]; logs: LogEntry[] }
  | { type: "stats"; heapBytes: number; isolates: number };
