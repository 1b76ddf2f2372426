/**
 * The journal batches the records of one event-loop turn into one write, and an answer given to
 * afterWrite never leaves before its record is in the segment file (real files, real timers).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Journal, foldSegment, readSegment } from "./journal.ts";
import { Meter } from "./meter.ts";
import { fillDisk } from "../../test/helpers.ts";
import type { InvocationRecord } from "./types.ts";
import type { Rollup } from "../protocol/index.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function journal(): Journal {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-test-"));
  dirs.push(dir);
  return new Journal(dir);
}

/** A journal directory's segments (open and rotated), without their summaries. */
const segments = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith(".sum"))
    .sort();

/** Records in the journal's files so far (open and rotated segments). */
function written(j: Journal): number {
  return segments(j.dir)
    .map((f) => fs.readFileSync(path.join(j.dir, f), "utf8").split("\n").filter(Boolean).length)
    .reduce((a, b) => a + b, 0);
}

const rec = (i: number): InvocationRecord => ({ tenantId: "t", functionId: "f", version: 1, at: Date.now(), status: 200, wallUs: i, cpuUs: 1, bytesIn: 0, bytesOut: 11, error: false, limit: null });
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("journal batching", () => {
  it("writes one turn's records together, and runs each answer only once its record is in the file", async () => {
    const j = journal();
    const seenAtAnswer: number[] = [];
    for (let i = 0; i < 5; i++) {
      j.record(rec(i));
      j.afterWrite(() => seenAtAnswer.push(written(j)));
    }
    // Nothing written and nothing answered within the turn...
    expect(written(j)).toBe(0);
    expect(seenAtAnswer).toEqual([]);
    await turn();
    // ...then all five records at once, before any of the answers.
    expect(seenAtAnswer).toEqual([5, 5, 5, 5, 5]);
    // With nothing pending, an answer goes out at once.
    let now = false;
    j.afterWrite(() => (now = true));
    expect(now).toBe(true);
    j.close();
  });

  it("holds at most 32 answers: the 32nd writes the batch and releases them", () => {
    const j = journal();
    let answered = 0;
    for (let i = 0; i < 40; i++) {
      j.record(rec(i));
      j.afterWrite(() => answered++);
    }
    expect(answered).toBe(32);
    expect(written(j)).toBe(32);
    // rotate() (and close()) write what is pending first, then answer.
    j.rotate();
    expect(answered).toBe(40);
    expect(written(j)).toBe(40);
    j.close();
  });

  it("lets the other answers go when one of them throws", async () => {
    const j = journal();
    const sent: number[] = [];
    j.record(rec(0));
    j.afterWrite(() => {
      throw new Error("client went away");
    });
    j.record(rec(1));
    j.afterWrite(() => sent.push(1));
    await turn();
    expect(sent).toEqual([1]);
    expect(written(j)).toBe(2);
    j.close();
  });
});

describe("journal segments", () => {
  it("opens the next segment when it rotates, so the first record after a rotation creates no file", async () => {
    const j = journal();
    const files = (): string[] => segments(j.dir);
    j.record(rec(0));
    await turn();
    j.rotate();
    const rotated = files();
    // The written segment is closed for collection, and the next one is there, empty.
    const open = rotated.filter((f) => f.endsWith(".open"));
    expect([rotated.filter((f) => f.endsWith(".seg")).length, open.length]).toEqual([1, 1]);
    expect(fs.statSync(path.join(j.dir, open[0]!)).size).toBe(0);
    // Rotations with nothing written neither close it nor open another.
    j.rotate();
    j.rotate();
    expect(files()).toEqual(rotated);
    // The next record goes into it: no file is created on the way to its answer.
    j.record(rec(1));
    await turn();
    expect(files()).toEqual(rotated);
    j.close();
    expect(files().filter((f) => f.endsWith(".open"))).toEqual([]);
    expect(replayed(j)).toEqual([0, 1]);
    // Shut down right after a rotation: the segment opened ahead goes, nothing empty is left to collect.
    const k = journal();
    k.record(rec(2));
    await turn();
    k.rotate();
    k.close();
    expect(segments(k.dir).map((f) => fs.statSync(path.join(k.dir, f)).size > 0)).toEqual([true]);
  });
});

/** Every record in the journal's segments, read the way the primary reads them. */
function replayed(j: Journal): number[] {
  const walls: number[] = [];
  const sink = { record: (r: InvocationRecord) => walls.push(r.wallUs), log: () => undefined };
  for (const f of segments(j.dir)) readSegment(path.join(j.dir, f), sink);
  return walls.sort((a, b) => a - b);
}

describe("journal write failures", () => {
  it("keeps serving while the segment cannot be written, and writes every record once it can", async () => {
    const j = journal();
    // The next segments are /dev/full: every write fails with ENOSPC, as on a full disk.
    const freeSpace = fillDisk(j);
    let answered = 0;
    for (let i = 0; i < 3; i++) {
      j.record(rec(i));
      j.afterWrite(() => answered++);
    }
    await turn();
    expect(j.failure).toBe("ENOSPC");
    // The answers still go out (the requests ran), the worker is still here, the records wait.
    expect(answered).toBe(3);
    expect(j.refusing()).toBeNull();
    // Still full at the next turn: the records wait on, with the new ones.
    j.record(rec(3));
    await turn();
    expect(j.failure).toBe("ENOSPC");
    freeSpace();
    j.record(rec(4));
    await turn();
    // The periodic rotation retries at once (writes in between wait RETRY_AFTER_MS after a failure).
    j.rotate();
    expect(j.failure).toBeNull();
    j.record(rec(5));
    await turn();
    j.close();
    expect(replayed(j)).toEqual([0, 1, 2, 3, 4, 5]);
    // The segment that took the held lines has no summary (its fold lacks them): it is replayed.
    // The next one, written after the failure, has one again; each record is counted once.
    const withLines = segments(j.dir).filter((f) => fs.statSync(path.join(j.dir, f)).size > 0);
    expect(withLines).toHaveLength(2);
    expect(fs.readdirSync(j.dir).filter((f) => f.endsWith(".sum"))).toEqual([withLines[1]!.replace(/\.seg$/, ".sum")]);
    expect(folded(j.dir).records).toBe(6);
  });

  it("refuses new work once the records held in memory pass their cap, and takes it again after", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-test-"));
    dirs.push(dir);
    const j = new Journal(dir, { maxBacklogBytes: 1000 });
    const freeSpace = fillDisk(j);
    for (let i = 0; i < 4; i++) j.record(rec(i));
    await turn();
    expect(j.refusing()).toBeNull();
    for (let i = 4; i < 20; i++) j.record(rec(i));
    await turn();
    expect(j.refusing()).toMatch(/journal cannot be written \(ENOSPC\)/);
    freeSpace();
    // The periodic rotation retries on its own.
    j.rotate();
    expect(j.refusing()).toBeNull();
    j.close();
    expect(replayed(j)).toHaveLength(20);
  });

  it("counts only lines that end: a record cut short is written whole again and counted once", () => {
    const j = journal();
    const file = path.join(j.dir, "1-1-000000.seg");
    const line = (i: number): string => `${JSON.stringify({ r: rec(i) })}\n`;
    // A write that stopped right before the newline: the line parses, but it did not end.
    fs.writeFileSync(file, line(1) + line(2).slice(0, -1));
    fs.writeFileSync(path.join(j.dir, "1-1-000001.seg"), line(2));
    expect(replayed(j)).toEqual([1, 2]);
  });
});

/** What the segments of `dir` add up to, read through their summaries where they have one. */
function folded(dir: string): { records: number; fold: ReturnType<Meter["drain"]> } {
  const meter = new Meter(Number.POSITIVE_INFINITY);
  let records = 0;
  for (const f of segments(dir)) records += foldSegment(path.join(dir, f), meter);
  return { records, fold: meter.drain() };
}

describe("segment summaries", () => {
  const varied = (i: number): InvocationRecord => ({
    ...rec(i),
    tenantId: i % 3 ? "t" : "u",
    functionId: `f${i % 2}`,
    status: [200, 200, 404, 500, 503][i % 5]!,
    error: i % 5 === 3,
    limit: i % 5 === 4 ? (i % 2 ? "cpu" : "memory") : null,
    wallUs: 37 * i,
    cpuUs: 11 * i,
  });

  it("leaves beside each rotated segment its fold, which the primary adds up instead of the lines", async () => {
    const j = journal();
    for (let i = 0; i < 40; i++) {
      if (i % 7 === 0) j.log({ tenantId: "t", functionId: "f0", version: 1, requestId: `r${i}`, at: new Date().toISOString(), level: "info", message: `line ${i}`, status: null, details: null });
      j.record(varied(i));
      if (i % 10 === 9) {
        await turn();
        j.rotate();
      }
    }
    j.close();
    const segs = segments(j.dir);
    expect(segs).toHaveLength(4);
    expect(fs.readdirSync(j.dir).filter((f) => f.endsWith(".sum"))).toEqual(segs.map((f) => f.replace(/\.seg$/, ".sum")));
    // The summaries say what replaying every line says: rollups, log lines, limit counts.
    const fromLines = new Meter(Number.POSITIVE_INFINITY);
    for (const f of segs) readSegment(path.join(j.dir, f), fromLines);
    const { records, fold } = folded(j.dir);
    expect(records).toBe(40);
    expect(fold).toEqual(fromLines.drain());
    expect(fold.limits).toEqual(expect.arrayContaining([{ tenantId: "t", limit: "cpu", n: 2 }, { tenantId: "u", limit: "memory", n: 1 }]));
    expect(fold.logs.map((l) => l.message)).toEqual(["line 0", "line 7", "line 14", "line 21", "line 28", "line 35"]);
    // It is the summary that is read: with the lines gone, the count stays...
    for (const f of segs) fs.writeFileSync(path.join(j.dir, f), "");
    expect(folded(j.dir).records).toBe(40);
    // ...and a summary cut short (or missing) sends the reader back to the lines.
    const sum = path.join(j.dir, segs[0]!.replace(/\.seg$/, ".sum"));
    fs.writeFileSync(sum, fs.readFileSync(sum, "utf8").slice(0, -1));
    fs.writeFileSync(path.join(j.dir, segs[0]!), `${JSON.stringify({ r: rec(1) })}\n`);
    expect(folded(j.dir).records).toBe(31);
  });

  it("counts the console lines past a segment's cap in their invocation's rollup, in the summary and in the lines", async () => {
    const j = journal();
    const line = (i: number, fn: string) => ({ tenantId: "t", functionId: fn, version: 1, requestId: `r${i}`, at: new Date().toISOString(), level: "log" as const, message: `line ${i}`, status: null, details: null });
    // A noisy function writes 10,000 lines in one request, then 500 more in each of two more;
    // a quiet one writes one line after that, in the same segment.
    for (let i = 0; i < 10_000; i++) j.log(line(i, "noisy"));
    j.record({ ...rec(1), functionId: "noisy" });
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < 500; i++) j.log(line(i, "noisy"));
      j.record({ ...rec(2), functionId: "noisy" });
    }
    j.log(line(0, "quiet"));
    j.record({ ...rec(3), functionId: "quiet" });
    await turn();
    j.rotate();
    // The next segment keeps lines again.
    j.log(line(1, "noisy"));
    j.record({ ...rec(4), functionId: "noisy" });
    await turn();
    j.close();
    const fromLines = new Meter(Number.POSITIVE_INFINITY);
    for (const f of segments(j.dir)) readSegment(path.join(j.dir, f), fromLines);
    const replayed = fromLines.drain();
    const { fold } = folded(j.dir);
    expect(fold).toEqual(replayed);
    const dropped = Object.fromEntries(fold.rollups.map((r) => [r.functionId, r.logsDropped]));
    expect(dropped).toEqual({ noisy: 1000, quiet: 1 });
    expect(fold.logs.filter((l) => l.functionId === "noisy")).toHaveLength(10_001);
    expect(j.droppedLogs).toBe(1001);
    // A summary written before the counter existed adds nothing to it (not NaN).
    const { logsDropped: _, ...old } = fold.rollups[0]!;
    const m = new Meter(Number.POSITIVE_INFINITY);
    m.merge({ records: 1, rollups: [old as Rollup, fold.rollups[0]!], logs: [], limits: [] });
    expect(m.drain().rollups[0]!.logsDropped).toBe(fold.rollups[0]!.logsDropped);
  });
});
