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
}

export interface MeterSink {
  record(r: InvocationRecord): void;
  log(entry: LogEntry): void;
}
