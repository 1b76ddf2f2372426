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
 */
import fs from "node:fs";
import path from "node:path";
import type { LogEntry } from "../protocol/index.ts";
import type { InvocationRecord, MeterSink } from "./types.ts";

/** Where every process of a node keeps its segments. */
export const journalDir = (dataDir: string): string => path.join(dataDir, "runtime", "journal");

export type JournalLine = { r: InvocationRecord; l?: LogEntry[] };

/** A dead writer's `.open` segment left alone this long is closed even if its pid was reused. */
const STALE_OPEN_MS = 10 * 60_000;
/** Log lines kept per segment; beyond this they are counted and dropped (noisy tenants). */
const MAX_LOGS_PER_SEGMENT = 10_000;
/**
 * Answers held back per batch at most. A SIGKILL between a batch's write and the sockets'
 * writes counts the held requests whose answers never left, so the batch stays small.
 */
const MAX_HELD = 32;

export class Journal implements MeterSink {
  readonly dir: string;
  readonly #prefix: string;
  #seq = 0;
  #fd: number | null = null;
  #file = "";
  /** Log lines wait for their invocation's record so that one request costs one write. */
  #pendingLogs: LogEntry[] = [];
  #logsInSegment = 0;
  droppedLogs = 0;
  #closed = false;
  /** Lines recorded in this event-loop turn, written together (see hold). */
  #batch = "";
  /** Answers that wait for #batch to be written. */
  #held: (() => void)[] = [];
  #scheduled = false;

  constructor(dir: string) {
    this.dir = dir;
    this.#prefix = `${process.pid}-${Date.now()}`;
    fs.mkdirSync(dir, { recursive: true });
  }

  log(entry: LogEntry): void {
    if (this.#logsInSegment++ >= MAX_LOGS_PER_SEGMENT) {
      this.droppedLogs++;
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
    const line: JournalLine = this.#pendingLogs.length ? { r, l: this.#pendingLogs } : { r };
    this.#pendingLogs = [];
    this.#batch += `${JSON.stringify(line)}\n`;
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
    if (this.#batch === "") return send();
    this.#held.push(send);
    if (this.#held.length >= MAX_HELD) this.flush();
  }

  readonly #endOfTurn = (): void => {
    this.#scheduled = false;
    this.flush();
  };

  /** Writes the batched records, then lets the responses that waited for them go. */
  flush(): void {
    if (this.#batch !== "") {
      const data = this.#batch;
      this.#batch = "";
      this.#write(data);
    }
    if (this.#held.length === 0) return;
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

  #write(data: string): void {
    if (this.#closed) return;
    if (this.#fd === null) {
      this.#file = path.join(this.dir, `${this.#prefix}-${String(this.#seq++).padStart(6, "0")}.open`);
      this.#fd = fs.openSync(this.#file, "a");
    }
    fs.writeSync(this.#fd, data);
  }

  /**
   * Final rotation when the process shuts down: a request that finishes after its connection was
   * closed was never answered, so it is not recorded (it would count a response nobody received).
   */
  close(): void {
    this.rotate();
    this.#closed = true;
  }

  /** Closes the current segment so the primary may collect it; a no-op when nothing was written. */
  rotate(): void {
    this.flush();
    if (this.#fd === null) return;
    fs.closeSync(this.#fd);
    this.#fd = null;
    this.#logsInSegment = 0;
    fs.renameSync(this.#file, this.#file.replace(/\.open$/, ".seg"));
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
      return now - fs.statSync(path.join(dir, name)).mtimeMs > STALE_OPEN_MS && pid !== process.pid;
    } catch {
      return false;
    }
  });
  // Name order is start time within a writer; across writers order does not matter (sums).
  return closed.sort();
}

/** Replays one segment. A torn last line (killed mid-write, before the response left) is skipped. */
export function readSegment(file: string, sink: MeterSink): number {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  let n = 0;
  for (const raw of text.split("\n")) {
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
