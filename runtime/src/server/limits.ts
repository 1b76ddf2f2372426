/** The JSON bodies clients get when a limit stops their request (tenant-code errors, not ours). */
import type { TenantLimits } from "../protocol/index.ts";
import type { LimitName } from "../metering/types.ts";

export interface LimitTrip {
  limit: LimitName;
  status: number;
  body: Record<string, string | number>;
  /** Measured value for the log entry (ms, MB, count or bytes). */
  value: number;
}

/** Builds the response for a limit event, naming the limit and its configured value. */
export function limitTrip(limit: LimitName, limits: TenantLimits, value: number): LimitTrip {
  switch (limit) {
    case "cpu":
      return { limit, status: 503, value, body: { error: "cpu_limit_exceeded", limit_ms: limits.cpuMs } };
    case "memory":
      return { limit, status: 503, value, body: { error: "memory_limit_exceeded", limit_mb: limits.memoryMb } };
    case "wall":
      return { limit, status: 503, value, body: { error: "wall_clock_exceeded", limit_ms: limits.wallMs } };
    case "subrequests":
      return { limit, status: 503, value, body: { error: "subrequest_limit_exceeded", limit: limits.subrequests } };
    case "requestBody":
      return { limit, status: 413, value, body: { error: "request_body_too_large", limit_bytes: limits.requestBodyBytes } };
  }
}

/** Whether an error from a dead isolate means it ran out of memory. */
export function isMemoryError(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /memory limit|Array buffer allocation failed/i.test(msg);
}
