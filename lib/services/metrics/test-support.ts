// Fixtures for the metrics and logs route tests; imported only by *.test.ts files.
import crypto from "node:crypto";
import type { z } from "zod";
import { ingestLogs } from "@/lib/services/runtime/ingest-logs";
import { ingestMetrics } from "@/lib/services/runtime/ingest-metrics";
import { BUCKET_COUNT, PROTOCOL_VERSION, LogEntry, type Rollup } from "@/runtime/src/protocol";

const runtime = () => ({ kind: "runtime" as const, requestId: crypto.randomUUID() });

/** The start of the minute `minutesAgo` before now, as the runtime stamps rollups. */
export const minuteAgo = (minutesAgo: number, now = Date.now()) => new Date(Math.floor(now / 60_000) * 60_000 - minutesAgo * 60_000).toISOString();

export function rollup(over: Partial<Rollup> & Pick<Rollup, "tenantId" | "functionId" | "minute">): Rollup {
  return {
    version: 1,
    requests: 0,
    status2xx: 0,
    status3xx: 0,
    status4xx: 0,
    status5xx: 0,
    errors: 0,
    limitEvents: 0,
    cpuUs: 0,
    wallUs: 0,
    bytesIn: 0,
    bytesOut: 0,
    latencyHist: Array<number>(BUCKET_COUNT).fill(0),
    cpuHist: Array<number>(BUCKET_COUNT).fill(0),
    ...over,
  };
}

/** Stores rollups through the real ingest service, as a runtime node's flush would. */
export async function pushRollups(rollups: Rollup[]) {
  await ingestMetrics({ ctx: runtime(), input: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: "node-test", rollups } });
}

export async function pushLogs(logs: z.input<typeof LogEntry>[]) {
  await ingestLogs({ ctx: runtime(), input: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: "node-test", logs } });
}
