/**
 * Durable delivery of metrics and log batches. A batch gets its batchId and is written to
 * DATA_DIR/runtime/outbox before the first send; it is deleted only once the console has
 * acknowledged it. A retry re-sends the same file, hence the same batchId, and the console
 * drops duplicates: nothing lost, nothing counted twice.
 *
 * Journal segments (see journal.ts) become one bundle file each collection: the bundle names the
 * segments it covers and is written atomically before they are deleted, so a crash in between
 * leaves segments that the first collection after the restart recognises as covered instead of
 * counting them again. Only that collection (or one after a failed deletion) reads the bundles
 * back: while the console is down they pile up, and re-reading them all every second grew the
 * primary's work with the outage.
 *
 * While the console is down, each collection folds into the newest bundle instead of adding one,
 * as long as that bundle was written by this process, has never been offered to the console and
 * is under MERGE_BYTES: a minute's rollups of a function become one, so an outage costs disk by
 * the minute and by the log line, not by the second (one bundle a second was ~23 KB for 50 busy
 * functions, 2 GB a day). A bundle's batch ids only matter once it has been offered, and one the
 * flush has begun is never rewritten with more.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LogBatch, MetricsBatch, PROTOCOL_VERSION, type LogEntry, type Rollup } from "../protocol/index.ts";
import type { ConsoleClient } from "../sync/client.ts";
import { writeAtomic } from "../sync/store.ts";
import { closedSegments, foldSegment, removeSegment } from "./journal.ts";
import { Meter, type Fold } from "./meter.ts";

type Sendable = { kind: "metrics"; batch: MetricsBatch } | { kind: "logs"; batch: LogBatch };
/** Batches not yet acknowledged, and the journal segments they were built from. */
type Bundle = { sources: string[]; batches: Sendable[] };
/** Segments folded into one bundle: bounds the memory of a collection after a long backlog. */
const SEGMENTS_PER_BUNDLE = 64;

/** Logs per batch: keeps one request body reasonable. */
const LOGS_PER_BATCH = 2000;

/** A bundle stops taking later collections at this size (it is rewritten whole each time). */
const MERGE_BYTES = 256 * 1024;

/** The newest bundle, while it may still take later collections (see the file comment). */
type OpenBundle = { name: string; fold: Pick<Fold, "rollups" | "logs">; bytes: number };

export class Outbox {
  readonly dir: string;
  readonly #client: ConsoleClient;
  readonly #nodeId: string;
  #seq = 0;
  /** Whether segments may be left behind that a bundle already covers (see collect). */
  #mayHoldCovered = true;
  #open: OpenBundle | null = null;
  readonly #mergeBytes: number;
  #flushing: Promise<void> | null = null;
  sent = 0;
  lastError: string | null = null;

  constructor(dataDir: string, client: ConsoleClient, nodeId: string, opts: { mergeBytes?: number } = {}) {
    this.dir = path.join(dataDir, "runtime", "outbox");
    this.#client = client;
    this.#nodeId = nodeId;
    this.#mergeBytes = opts.mergeBytes ?? MERGE_BYTES;
    fs.mkdirSync(this.dir, { recursive: true });
  }

  #name(kind: string): string {
    // Sortable: time, then a sequence within the process, then the kind.
    return `${Date.now().toString().padStart(15, "0")}-${process.pid}-${String(this.#seq++).padStart(6, "0")}-${kind}.json`;
  }

  #batches(rollups: Rollup[], logs: LogEntry[]): Sendable[] {
    const out: Sendable[] = [];
    if (rollups.length) out.push({ kind: "metrics", batch: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: this.#nodeId, rollups } });
    for (let i = 0; i < logs.length; i += LOGS_PER_BATCH) {
      out.push({ kind: "logs", batch: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: this.#nodeId, logs: logs.slice(i, i + LOGS_PER_BATCH) } });
    }
    return out;
  }

  /** Every bundle waiting for the console (a torn one, which writeAtomic never leaves, is skipped). */
  #bundles(): Bundle[] {
    return this.pending().flatMap((name) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(this.dir, name), "utf8")) as Bundle];
      } catch {
        return [];
      }
    });
  }

  /**
   * Folds the journal's closed segments into bundles (`counted` sees each bundle's fold once, for
   * Prometheus). Synchronous: nothing else touches the journal or the outbox meanwhile.
   */
  collect(journalDir: string, counted: (fold: Fold) => void = () => undefined): number {
    // A crash (or a failed deletion) between writing a bundle and deleting its segments left them
    // behind: already covered.
    if (this.#mayHoldCovered) {
      for (const bundle of this.#bundles()) for (const s of bundle.sources) removeSegment(path.join(journalDir, s));
      this.#mayHoldCovered = false;
    }
    const segments = closedSegments(journalDir);
    let records = 0;
    for (let i = 0; i < segments.length; i += SEGMENTS_PER_BUNDLE) {
      const sources = segments.slice(i, i + SEGMENTS_PER_BUNDLE);
      const meter = new Meter(Number.POSITIVE_INFINITY);
      for (const s of sources) records += foldSegment(path.join(journalDir, s), meter);
      const fold = meter.drain();
      // Into the newest bundle while it may take more. Its earlier sources are gone (#open is
      // only set once they were deleted), so it names only these.
      const open = this.#open && this.#open.bytes < this.#mergeBytes ? this.#open : null;
      let content: OpenBundle["fold"] = fold;
      if (open) {
        const all = new Meter(Number.POSITIVE_INFINITY);
        all.merge({ records: 0, limits: [], ...open.fold });
        all.merge(fold);
        content = all.drain();
      }
      const name = open?.name ?? this.#name("bundle");
      const text = JSON.stringify({ sources, batches: this.#batches(content.rollups, content.logs) } satisfies Bundle);
      this.#open = null;
      writeAtomic(path.join(this.dir, name), text);
      this.#mayHoldCovered = true;
      for (const s of sources) removeSegment(path.join(journalDir, s));
      this.#mayHoldCovered = false;
      this.#open = { name, fold: { rollups: content.rollups, logs: content.logs }, bytes: text.length };
      counted(fold);
    }
    return records;
  }

  /** Batch ids waiting for the console, oldest first. */
  pendingBatchIds(): string[] {
    return this.#bundles().flatMap((bundle) => bundle.batches.map((b) => b.batch.batchId));
  }

  /** Bundle files waiting for the console, oldest first. */
  pending(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith("-bundle.json"))
      .sort();
  }

  /** Sends pending batches oldest first; stops at the first failure and keeps the rest. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    for (const name of this.pending()) {
      // Offered from here on: its batch ids are final, and it takes no more collections.
      if (this.#open?.name === name) this.#open = null;
      const file = path.join(this.dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (e) {
        // writeAtomic never leaves a torn bundle, so this is damage or a foreign file: keep it
        // aside for whoever investigates, out of the way of the bundles behind it.
        this.#setAside(name, e);
        continue;
      }
      if (!(await this.#sendBundle(file, raw as Bundle))) return;
    }
  }

  /** Moves an unreadable bundle to outbox/unreadable/ and says so (stderr, lastError, the count). */
  #setAside(name: string, why: unknown): void {
    const dir = path.join(this.dir, "unreadable");
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(path.join(this.dir, name), path.join(dir, name));
    this.lastError = `unreadable outbox bundle ${name} moved to ${dir}: ${why instanceof Error ? why.message : String(why)}`;
    console.error(`runtime: ${this.lastError}`);
  }

  /** Bundles set aside as unreadable (see #setAside). */
  unreadable(): string[] {
    try {
      return fs.readdirSync(path.join(this.dir, "unreadable"));
    } catch {
      return [];
    }
  }

  /** Sends a bundle's batches in order, rewriting the file after each acknowledgement. */
  async #sendBundle(file: string, bundle: Bundle): Promise<boolean> {
    const left = [...bundle.batches];
    while (left.length) {
      const next = left[0]!;
      try {
        if (next.kind === "metrics") await this.#client.metrics(MetricsBatch.parse(next.batch));
        else await this.#client.logs(LogBatch.parse(next.batch));
      } catch (e) {
        this.lastError = e instanceof Error ? e.message : String(e);
        return false;
      }
      left.shift();
      this.sent++;
      this.lastError = null;
      // Re-sending an acknowledged batch after a crash is harmless (same id), losing one is not.
      if (left.length) writeAtomic(file, JSON.stringify({ sources: bundle.sources, batches: left }));
    }
    fs.rmSync(file, { force: true });
    return true;
  }
}
