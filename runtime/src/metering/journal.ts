/**
 * The write-ahead journal of invocations. Whatever process answers a request appends its record
 * (and the request's log lines) to its own journal segment before the response leaves (the
 * records of one event-loop turn in one write, their answers deferred until it is done); the
 * primary folds closed segments into outbox bundles. A SIGKILL of a worker or of the
 * primary therefore loses no answered request: its line is already in the file (the page cache
 * survives the process), and the next primary picks the segment up.
 *
 * Segments are `<pid>-<startMs>-<seq>.open` while their writer appends and `.seg` once rotated.
 * A `.open` segment whose writer is dead is closed too.
 *
 * The writer also folds every record it writes (a Meter: rollups, limit counts, log lines) and,
 * before it renames a segment, writes the fold beside it as `<name>.sum`. The primary adds up the
 * summaries instead of parsing every line again: at 47k requests/s that parse was ~60 ms of CPU a
 * second in the primary and what lifted the default configuration's p99 (stop 21). A segment
 * without a summary (its writer was killed, or a write failed part way) is replayed line by line.
 */
import fs from "node:fs";
import path from "node:path";
import type { LogEntry } from "../protocol/index.ts";
import { Meter, type Fold } from "./meter.ts";
import type { InvocationRecord, MeterSink } from "./types.ts";

/** Where every process of a node keeps its segments. */
export const journalDir = (dataDir: string): string => path.join(dataDir, "runtime", "journal");

export type JournalLine = { r: InvocationRecord; l?: LogEntry[] };

/** A segment's summary file: its fold, marked with the format it was written in. */
type Summary = Fold & { v: typeof SUMMARY_FORMAT };
const SUMMARY_FORMAT = 1;
const summaryOf = (segment: string): string => segment.replace(/\.(open|seg)$/, ".sum");

/** A dead writer's `.open` segment left alone this long is closed even if its pid was reused. */
const STALE_OPEN_MS = 10 * 60_000;
/** Log lines kept per segment; beyond this they are dropped and counted in the rollups' logsDropped (noisy tenants). */
const MAX_LOGS_PER_SEGMENT = 10_000;
/**
 * Answers held back per batch at most. A SIGKILL between a batch's write and the sockets'
 * writes counts the held requests whose answers never left, so the batch stays small.
 */
const MAX_HELD = 32;
/**
 * Records kept in memory while the segment cannot be written (disk full, I/O error), retried at
 * every write, beyond which the node refuses new requests (see refusing()): ~250 bytes a record,
 * so ~250,000 answered requests.
 */
const MAX_BACKLOG_BYTES = 64 * 1024 * 1024;
/** A failing journal says so on stderr at most this often. */
const REPORT_EVERY_MS = 60_000;
/** After a failed write, records only pile up for this long before the next attempt (each opens a fresh segment). */
const RETRY_AFTER_MS = 100;

export class Journal implements MeterSink {
  readonly dir: string;
  readonly #prefix: string;
  #seq = 0;
  #fd: number | null = null;
  #file = "";
  /** Log lines wait for their invocation's record so that one request costs one write. */
  #pendingLogs: LogEntry[] = [];
  /** Lines of the invocation recorded next that the cap dropped (they go into its rollup). */
  #pendingDropped = 0;
  #logsInSegment = 0;
  /** Whether anything was written to the open segment (an empty one is not rotated). */
  #written = false;
  droppedLogs = 0;
  #closed = false;
  /** Lines recorded in this event-loop turn, written together and then folded into #fold. */
  #batchLines: JournalLine[] = [];
  /**
   * What the open segment holds, folded; null once the segment holds lines the fold lacks (lines
   * carried over from a failed write), and then it gets no summary.
   */
  #fold: Meter | null = null;
  /** Answers that wait for #batchLines to be written. */
  #held: (() => void)[] = [];
  #scheduled = false;
  /** Whole lines that could not be written yet (oldest first); see #write. */
  #backlog: Buffer[] = [];
  #backlogBytes = 0;
  readonly #maxBacklogBytes: number;
  /** Why the last write failed (e.g. "ENOSPC"), or null while writes succeed. */
  failure: string | null = null;
  #reportedAt = 0;
  #failedAt = 0;

  constructor(dir: string, opts: { maxBacklogBytes?: number } = {}) {
    this.dir = dir;
    this.#prefix = `${process.pid}-${Date.now()}`;
    this.#maxBacklogBytes = opts.maxBacklogBytes ?? MAX_BACKLOG_BYTES;
    fs.mkdirSync(dir, { recursive: true });
  }

  /** The file the next segment will be written to (a fresh one after a failed write). */
  get nextSegment(): string {
    return this.#fd === null ? this.#segment(this.#seq) : this.#file;
  }

  #segment(seq: number): string {
    return path.join(this.dir, `${this.#prefix}-${String(seq).padStart(6, "0")}.open`);
  }

  /**
   * Why new requests should be refused, or null: records that cannot be written pile up in
   * memory, and past MAX_BACKLOG_BYTES the node stops taking work it could not account for.
   */
  refusing(): string | null {
    return this.#backlogBytes >= this.#maxBacklogBytes ? `the invocation journal cannot be written (${this.failure ?? "unknown error"})` : null;
  }

  /** A console line of the invocation recorded next; past the segment's cap it is only counted, on that record. */
  log(entry: LogEntry): void {
    if (this.#logsInSegment++ >= MAX_LOGS_PER_SEGMENT) {
      this.droppedLogs++;
      this.#pendingDropped++;
      return;
    }
    this.#pendingLogs.push(entry);
  }

  /**
   * Batches the record with the others of this event-loop turn: they are written together (one
   * write(2) into the page cache) at the end of the turn, or when flush() or afterWrite() asks.
   * Answers given to afterWrite leave only after that write, so an answered request is never
   * lost to a kill of this process.
   */
  record(r: InvocationRecord): void {
    if (this.#pendingDropped > 0) {
      r.logsDropped = (r.logsDropped ?? 0) + this.#pendingDropped;
      this.#pendingDropped = 0;
    }
    const line: JournalLine = this.#pendingLogs.length ? { r, l: this.#pendingLogs } : { r };
    this.#pendingLogs = [];
    this.#batchLines.push(line);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#endOfTurn);
    }
  }

  /**
   * Runs `send` (the answer to the request just recorded) once its record is written: one write
   * per turn instead of one per request (at 50 connections a turn answers several requests).
   * node:http's end() uncorks the socket fully, so the answer itself is deferred, not corked.
   */
  afterWrite(send: () => void): void {
    if (this.#batchLines.length === 0) return send();
    this.#held.push(send);
    if (this.#held.length >= MAX_HELD) this.flush();
  }

  readonly #endOfTurn = (): void => {
    this.#scheduled = false;
    this.flush();
  };

  /** Writes the batched records, then lets the responses that waited for them go. */
  flush(): void {
    let written = false;
    const lines = this.#batchLines;
    if (lines.length > 0) {
      this.#batchLines = [];
      let data = "";
      for (const line of lines) data += `${JSON.stringify(line)}\n`;
      written = this.#write(data);
    }
    if (this.#held.length > 0) {
      const held = this.#held;
      this.#held = [];
      for (const send of held) {
        try {
          send();
        } catch {
          // One answer failing (its client went away) must not hold up the others.
        }
      }
    }
    // Folded after the answers have left: the summary is not on any request's path.
    if (written && this.#fold) {
      for (const line of lines) {
        for (const l of line.l ?? []) this.#fold.log(l);
        this.#fold.record(line.r);
      }
    }
  }

  /**
   * Appends whole lines to the open segment (opening one first). A failed write (disk full, I/O
   * error) must not take the worker down, since the same would happen to its replacement: the
   * lines not fully written stay in memory and go first at the next write, into a fresh segment.
   * The failed segment is closed for collection; a line it holds only in part is skipped by
   * readSegment as a torn last line, and written whole again in the next segment. Returns whether
   * it wrote (then the caller folds `data`'s records, unless the segment took held lines too).
   */
  #write(data: string, retryNow = false): boolean {
    if (this.#closed) return false;
    // Lines held from a failed write go first, and their records were not kept to fold.
    const carried = this.#backlog.length > 0;
    if (data !== "") {
      const chunk = Buffer.from(data);
      this.#backlog.push(chunk);
      this.#backlogBytes += chunk.length;
    }
    if (this.failure !== null && !retryNow && Date.now() - this.#failedAt < RETRY_AFTER_MS) return false;
    const pending = this.#backlog.length === 1 ? this.#backlog[0]! : Buffer.concat(this.#backlog);
    let done = 0;
    try {
      const fd = this.#fd ?? this.#openSegment();
      this.#written = true;
      while (done < pending.length) done += fs.writeSync(fd, pending, done);
    } catch (e) {
      this.#failed(e, pending, done);
      return false;
    }
    this.#backlog.length = 0;
    this.#backlogBytes = 0;
    if (carried) this.#fold = null;
    if (this.failure !== null) {
      console.error(`runtime: the invocation journal is written again (${path.basename(this.#file)}) after ${this.failure}`);
      this.failure = null;
    }
    return true;
  }

  #failed(e: unknown, pending: Buffer, done: number): void {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    // Lines written whole are in the file; the rest, from the start of a line cut short, stays.
    const kept = done === 0 ? pending : pending.subarray(pending.lastIndexOf(10, done - 1) + 1);
    this.#backlog = kept.length ? [kept] : [];
    this.#backlogBytes = kept.length;
    // The failed segment may hold some of these lines: it is replayed, not summed.
    this.#fold = null;
    if (this.#fd !== null) this.#closeSegment();
    const now = Date.now();
    this.#failedAt = now;
    if (this.failure === null || now - this.#reportedAt >= REPORT_EVERY_MS) {
      this.#reportedAt = now;
      console.error(`runtime: the invocation journal cannot be written (${code}): ${kept.length} bytes of records held in memory and retried${this.refusing() ? "; refusing new requests until it can" : ""}`);
    }
    this.failure = code;
  }

  #openSegment(): number {
    this.#file = this.#segment(this.#seq++);
    this.#fd = fs.openSync(this.#file, "a");
    this.#written = false;
    this.#fold = new Meter(Number.POSITIVE_INFINITY);
    return this.#fd;
  }

  /**
   * Closes the open segment and names it for collection, or removes it if nothing was written to
   * it (one opened ahead by rotate, at shutdown). Best effort: the primary also closes a dead
   * writer's.
   */
  #closeSegment(): void {
    const fd = this.#fd!;
    const fold = this.#fold;
    this.#fd = null;
    this.#fold = null;
    this.#logsInSegment = 0;
    try {
      fs.closeSync(fd);
      if (this.#written && fold) this.#writeSummary(fold);
      if (this.#written) fs.renameSync(this.#file, this.#file.replace(/\.open$/, ".seg"));
      else fs.rmSync(this.#file, { force: true });
    } catch (e) {
      console.error(`runtime: could not close journal segment ${path.basename(this.#file)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Written before the segment is renamed, and never touched again: whoever finds a closed segment
   * finds its summary whole or not at all. A summary cut short (disk full) does not parse (its
   * closing brace is the last byte), and then the segment is replayed.
   */
  #writeSummary(fold: Meter): void {
    const file = summaryOf(this.#file);
    try {
      fs.writeFileSync(file, JSON.stringify({ v: SUMMARY_FORMAT, ...fold.drain() } satisfies Summary));
    } catch {
      fs.rmSync(file, { force: true });
    }
  }

  /**
   * Final rotation when the process shuts down: a request that finishes after its connection was
   * closed was never answered, so it is not recorded (it would count a response nobody received).
   */
  close(): void {
    this.#writeHeld();
    if (this.#fd !== null) this.#closeSegment();
    this.#closed = true;
    if (this.#backlogBytes > 0) console.error(`runtime: ${this.#backlogBytes} bytes of invocation records could not be written before shutdown (${this.failure ?? "unknown error"}) and are lost`);
  }

  /**
   * Closes the current segment so the primary may collect it (a no-op when nothing was written
   * to it), and opens the next one now, on this timer: creating the file costs ~50-150 µs here
   * (ext4, strace), which the first request after a quiet moment would otherwise wait for before
   * its answer leaves (the worker rotates every 250 ms, so that was most requests after an idle).
   */
  rotate(): void {
    this.#writeHeld();
    if (this.#fd !== null && this.#written) this.#closeSegment();
    if (this.#fd !== null || this.#closed || this.failure !== null) return;
    try {
      this.#openSegment();
    } catch {
      // The next write opens it, and reports what went wrong.
    }
  }

  /** Writes this turn's batch and, after a failed write, retries what is held in memory. */
  #writeHeld(): void {
    this.flush();
    // Records still waiting for a write that failed: try again now (this runs every few hundred ms).
    if (this.#backlog.length && !this.#closed) this.#write("", true);
  }
}

/** Whether `pid` is a running process (a zombie counts as dead: it will never write again). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/** Segments nobody writes to any more, oldest first. */
export function closedSegments(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const closed = names.filter((name) => {
    if (name.endsWith(".seg")) return true;
    if (!name.endsWith(".open")) return false;
    const pid = Number(name.split("-")[0]);
    if (!alive(pid)) return true;
    try {
      // lstat: the entry's own age (the same for the regular files the journal writes).
      return now - fs.lstatSync(path.join(dir, name)).mtimeMs > STALE_OPEN_MS && pid !== process.pid;
    } catch {
      return false;
    }
  });
  // Name order is start time within a writer; across writers order does not matter (sums).
  return closed.sort();
}

/**
 * Adds one closed segment to `meter`: its summary when there is a whole one of this format, else
 * every line (readSegment). Returns the records it held.
 */
export function foldSegment(file: string, meter: Meter): number {
  let summary: Summary | null = null;
  try {
    const raw = JSON.parse(fs.readFileSync(summaryOf(file), "utf8")) as Summary;
    if (raw.v === SUMMARY_FORMAT) summary = raw;
  } catch {
    // No summary, or one cut short: the lines are the record.
  }
  if (!summary) return readSegment(file, meter);
  meter.merge(summary);
  return summary.records;
}

/** Deletes a segment that has been folded into a bundle, and its summary (the summary first). */
export function removeSegment(file: string): void {
  fs.rmSync(summaryOf(file), { force: true });
  fs.rmSync(file, { force: true });
}

/**
 * Replays one segment. Only lines ended by a newline count: a torn last line (its writer killed
 * mid-write, before the response left, or a write that failed part way and was retried whole in
 * a later segment) is skipped, even when the part written happens to parse.
 */
export function readSegment(file: string, sink: MeterSink): number {
  let text: string;
  try {
    // Only regular files are segments (a device would read forever).
    if (!fs.statSync(file).isFile()) return 0;
    text = fs.readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  let n = 0;
  const lines = text.split("\n");
  lines.pop();
  for (const raw of lines) {
    if (!raw) continue;
    let line: JournalLine;
    try {
      line = JSON.parse(raw) as JournalLine;
    } catch {
      continue;
    }
    for (const l of line.l ?? []) sink.log(l);
    sink.record(line.r);
    n++;
  }
  return n;
}
