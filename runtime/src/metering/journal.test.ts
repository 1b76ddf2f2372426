/**
 * The journal batches the records of one event-loop turn into one write, and an answer given to
 * afterWrite never leaves before its record is in the segment file (real files, real timers).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Journal } from "./journal.ts";
import type { InvocationRecord } from "./types.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function journal(): Journal {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-test-"));
  dirs.push(dir);
  return new Journal(dir);
}

/** Records in the journal's files so far (open and rotated segments). */
function written(j: Journal): number {
  return fs
    .readdirSync(j.dir)
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
