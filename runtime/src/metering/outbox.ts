/**
 * Durable delivery of metrics and log batches. A batch gets its batchId and is written to
 * DATA_DIR/runtime/outbox before the first send; it is deleted only once the console has
 * acknowledged it. A retry re-sends the same file, hence the same batchId, and the console
 * drops duplicates: nothing lost, nothing counted twice.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LogBatch, MetricsBatch, PROTOCOL_VERSION, type LogEntry, type Rollup } from "../protocol/index.ts";
import type { ConsoleClient } from "../sync/client.ts";
import { writeAtomic } from "../sync/store.ts";

/** Logs per batch: keeps one request body reasonable. */
const LOGS_PER_BATCH = 2000;

export class Outbox {
  readonly dir: string;
  readonly #client: ConsoleClient;
  readonly #nodeId: string;
  #seq = 0;
  #flushing: Promise<void> | null = null;
  sent = 0;
  lastError: string | null = null;

  constructor(dataDir: string, client: ConsoleClient, nodeId: string) {
    this.dir = path.join(dataDir, "runtime", "outbox");
    this.#client = client;
    this.#nodeId = nodeId;
    fs.mkdirSync(this.dir, { recursive: true });
  }

  #name(kind: string): string {
    // Sortable: time, then a sequence within the process, then the kind.
    return `${Date.now().toString().padStart(15, "0")}-${process.pid}-${String(this.#seq++).padStart(6, "0")}-${kind}.json`;
  }

  /** Persists what the meter drained as batches with fresh ids. */
  enqueue(rollups: Rollup[], logs: LogEntry[]): void {
    if (rollups.length) {
      const batch: MetricsBatch = { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: this.#nodeId, rollups };
      writeAtomic(path.join(this.dir, this.#name("metrics")), JSON.stringify(batch));
    }
    for (let i = 0; i < logs.length; i += LOGS_PER_BATCH) {
      const batch: LogBatch = { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: this.#nodeId, logs: logs.slice(i, i + LOGS_PER_BATCH) };
      writeAtomic(path.join(this.dir, this.#name("logs")), JSON.stringify(batch));
    }
  }

  pending(): string[] {
    return fs.readdirSync(this.dir).filter((f) => f.endsWith(".json")).sort();
  }

  /** Sends pending batches oldest first; stops at the first failure and keeps the rest. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    for (const name of this.pending()) {
      const file = path.join(this.dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        fs.rmSync(file, { force: true }); // torn or foreign file: writeAtomic never leaves one
        continue;
      }
      try {
        if (name.endsWith("-metrics.json")) await this.#client.metrics(MetricsBatch.parse(raw));
        else await this.#client.logs(LogBatch.parse(raw));
        fs.rmSync(file, { force: true });
        this.sent++;
        this.lastError = null;
      } catch (e) {
        this.lastError = e instanceof Error ? e.message : String(e);
        return;
      }
    }
  }
}
