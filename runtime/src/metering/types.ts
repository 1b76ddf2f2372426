/** What the engine reports per invocation; the meter folds these into Rollups and LogBatches. */
import type { LogEntry } from "../protocol/index.ts";

export type LimitName = "cpu" | "memory" | "wall" | "subrequests" | "requestBody";

export interface InvocationRecord {
  tenantId: string;
  functionId: string;
  version: number;
  /** Epoch ms when the request arrived (picks the minute bucket). */
  at: number;
  status: number;
  wallUs: number;
  cpuUs: number;
  bytesIn: number;
  bytesOut: number;
  /** Uncaught exception in tenant code. */
  error: boolean;
  limit: LimitName | null;
  /** Console lines of this invocation that the journal counted instead of keeping (its cap per segment). */
  logsDropped?: number;
}

export interface MeterSink {
  record(r: InvocationRecord): void;
  log(entry: LogEntry): void;
  /**
   * Optional, for sinks that batch their writes (the journal): runs `send` (which answers the
   * request just recorded) once the records given so far are written. Without it, record() is
   * durable when it returns and the answer may go out at once.
   */
  afterWrite?(send: () => void): void;
  /** Optional: writes what is batched now (before connections are closed, on shutdown). */
  flush?(): void;
  /** Optional: why this node must refuse new requests (it could not record them), or null. */
  refusing?(): string | null;
}
