/**
 * Folds invocation records into per function/version/minute Rollups and buffers log lines until
 * the next flush. drain() hands over everything accumulated since the previous drain, so each
 * record lands in exactly one batch. Folds merge: a worker folds each journal segment as it
 * writes it and leaves the fold beside the segment (journal.ts), and the primary adds the folds
 * up instead of replaying every record.
 */
import { BUCKET_COUNT, bucketIndex, emptyRollup, ROLLUP_COUNTERS, type LogEntry, type Rollup } from "../protocol/index.ts";
import type { InvocationRecord, LimitName, MeterSink } from "./types.ts";

/** Log lines kept per flush interval; beyond this they are counted and dropped (noisy tenants). */
const MAX_LOGS = 10_000;

/** Requests stopped by one limit, for one tenant (Prometheus counts them by limit name; rollups do not). */
export type LimitCount = { tenantId: string; limit: LimitName; n: number };

/** What a meter holds between drains; a segment's summary file is one of these. */
export type Fold = { records: number; rollups: Rollup[]; logs: LogEntry[]; limits: LimitCount[] };

export class Meter implements MeterSink {
  readonly #maxLogs: number;
  #rollups = new Map<string, Rollup>();
  #logs: LogEntry[] = [];
  #limits = new Map<string, LimitCount>();
  #records = 0;
  droppedLogs = 0;

  constructor(maxLogs = MAX_LOGS) {
    this.#maxLogs = maxLogs;
  }

  /** The last minute bucket's start and its ISO name (records arrive in time order, mostly). */
  #minuteMs = -1;
  #minute = "";

  #rollup(tenantId: string, functionId: string, version: number, minute: string): Rollup {
    const key = `${tenantId}|${functionId}|${version}|${minute}`;
    let roll = this.#rollups.get(key);
    if (!roll) {
      roll = emptyRollup({ tenantId, functionId, version, minute });
      this.#rollups.set(key, roll);
    }
    return roll;
  }

  #countLimit(tenantId: string, limit: LimitName, n: number): void {
    const key = `${tenantId}\0${limit}`;
    const c = this.#limits.get(key);
    if (c) c.n += n;
    else this.#limits.set(key, { tenantId, limit, n });
  }

  record(r: InvocationRecord): void {
    const minuteMs = Math.floor(r.at / 60_000) * 60_000;
    if (minuteMs !== this.#minuteMs) {
      this.#minuteMs = minuteMs;
      this.#minute = new Date(minuteMs).toISOString();
    }
    const roll = this.#rollup(r.tenantId, r.functionId, r.version, this.#minute);
    this.#records++;
    roll.requests++;
    const cls = Math.floor(r.status / 100);
    if (cls === 2) roll.status2xx++;
    else if (cls === 3) roll.status3xx++;
    else if (cls === 4) roll.status4xx++;
    else if (cls === 5) roll.status5xx++;
    if (r.error) roll.errors++;
    if (r.limit) {
      roll.limitEvents++;
      this.#countLimit(r.tenantId, r.limit, 1);
    }
    roll.cpuUs += Math.max(0, Math.round(r.cpuUs));
    roll.wallUs += Math.max(0, Math.round(r.wallUs));
    roll.bytesIn += r.bytesIn;
    roll.bytesOut += r.bytesOut;
    if (r.logsDropped) roll.logsDropped += r.logsDropped;
    roll.latencyHist[bucketIndex(r.wallUs / 1000)]!++;
    roll.cpuHist[bucketIndex(r.cpuUs / 1000)]!++;
  }

  log(entry: LogEntry): void {
    if (this.#logs.length >= this.#maxLogs) {
      this.droppedLogs++;
      return;
    }
    this.#logs.push(entry);
  }

  /** Adds another meter's fold, as if its records and log lines had come here (in that order). */
  merge(fold: Fold): void {
    this.#records += fold.records;
    for (const r of fold.rollups) {
      const roll = this.#rollup(r.tenantId, r.functionId, r.version, r.minute);
      // A summary written before a counter existed lacks it.
      for (const k of ROLLUP_COUNTERS) roll[k] += r[k] ?? 0;
      for (let i = 0; i < BUCKET_COUNT; i++) {
        roll.latencyHist[i]! += r.latencyHist[i] ?? 0;
        roll.cpuHist[i]! += r.cpuHist[i] ?? 0;
      }
    }
    for (const l of fold.limits) this.#countLimit(l.tenantId, l.limit, l.n);
    for (const entry of fold.logs) this.log(entry);
  }

  /** Everything since the last drain. */
  drain(): Fold {
    const out = { records: this.#records, rollups: [...this.#rollups.values()], logs: this.#logs, limits: [...this.#limits.values()] };
    this.#rollups = new Map();
    this.#logs = [];
    this.#limits = new Map();
    this.#records = 0;
    return out;
  }
}
