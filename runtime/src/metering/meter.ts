/**
 * Folds invocation records into per function/version/minute Rollups and buffers log lines until
 * the next flush. drain() hands over everything accumulated since the previous drain, so each
 * record lands in exactly one batch.
 */
import { bucketIndex, emptyRollup, type LogEntry, type Rollup } from "../protocol/index.ts";
import type { InvocationRecord, MeterSink } from "./types.ts";

/** Log lines kept per flush interval; beyond this they are counted and dropped (noisy tenants). */
const MAX_LOGS = 10_000;

export class Meter implements MeterSink {
  readonly #maxLogs: number;
  #rollups = new Map<string, Rollup>();
  #logs: LogEntry[] = [];
  droppedLogs = 0;
  /** Observers (Prometheus) that see every record as it arrives. */
  readonly #listeners: ((r: InvocationRecord) => void)[] = [];

  constructor(maxLogs = MAX_LOGS) {
    this.#maxLogs = maxLogs;
  }

  onRecord(fn: (r: InvocationRecord) => void): void {
    this.#listeners.push(fn);
  }

  /** The last minute bucket's start and its ISO name (records arrive in time order, mostly). */
  #minuteMs = -1;
  #minute = "";

  record(r: InvocationRecord): void {
    const minuteMs = Math.floor(r.at / 60_000) * 60_000;
    if (minuteMs !== this.#minuteMs) {
      this.#minuteMs = minuteMs;
      this.#minute = new Date(minuteMs).toISOString();
    }
    const minute = this.#minute;
    const key = `${r.tenantId}|${r.functionId}|${r.version}|${minute}`;
    let roll = this.#rollups.get(key);
    if (!roll) {
      roll = emptyRollup({ tenantId: r.tenantId, functionId: r.functionId, version: r.version, minute });
      this.#rollups.set(key, roll);
    }
    roll.requests++;
    const cls = Math.floor(r.status / 100);
    if (cls === 2) roll.status2xx++;
    else if (cls === 3) roll.status3xx++;
    else if (cls === 4) roll.status4xx++;
    else if (cls === 5) roll.status5xx++;
    if (r.error) roll.errors++;
    if (r.limit) roll.limitEvents++;
    roll.cpuUs += Math.max(0, Math.round(r.cpuUs));
    roll.wallUs += Math.max(0, Math.round(r.wallUs));
    roll.bytesIn += r.bytesIn;
    roll.bytesOut += r.bytesOut;
    roll.latencyHist[bucketIndex(r.wallUs / 1000)]!++;
    roll.cpuHist[bucketIndex(r.cpuUs / 1000)]!++;
    for (const l of this.#listeners) l(r);
  }

  log(entry: LogEntry): void {
    if (this.#logs.length >= this.#maxLogs) {
      this.droppedLogs++;
      return;
    }
    this.#logs.push(entry);
  }

  /** Everything since the last drain. */
  drain(): { rollups: Rollup[]; logs: LogEntry[] } {
    const out = { rollups: [...this.#rollups.values()], logs: this.#logs };
    this.#rollups = new Map();
    this.#logs = [];
    return out;
  }
}
