/**
 * The outbox against real journal segments and files: a crash between writing a bundle and
 * deleting its segments never counts them twice; a running node does not re-read its pending
 * bundles at every collection; while the console is down, collections fold into one bundle
 * that has not been offered, never into one the flush has begun; an unreadable bundle is set
 * aside, not deleted, and the ones behind it are still delivered.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LogBatch, MetricsBatch } from "../protocol/index.ts";
import type { ConsoleClient } from "../sync/client.ts";
import { Journal } from "./journal.ts";
import { Outbox } from "./outbox.ts";
import type { InvocationRecord } from "./types.ts";

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-test-"));
  dirs.push(dir);
  return dir;
}

/** A data directory with its journal directory, a fake console (down or up) and an outbox on them. */
function setup(opts: { down?: boolean; mergeBytes?: number } = {}) {
  const data = dataDir();
  const journalDir = path.join(data, "runtime", "journal");
  const c = fakeConsole();
  c.down = opts.down ?? false;
  const outbox = new Outbox(data, c.client, "n1", opts.mergeBytes === undefined ? {} : { mergeBytes: opts.mergeBytes });
  return { journalDir, c, outbox };
}

/** A console that takes every batch (or refuses them all while `down`), keeping what it took. */
function fakeConsole(): { client: ConsoleClient; metrics: MetricsBatch[]; logs: LogBatch[]; down: boolean } {
  const c = {
    metrics: [] as MetricsBatch[],
    logs: [] as LogBatch[],
    down: false,
    client: {
      metrics: async (b: MetricsBatch) => {
        if (c.down) throw new Error("console unreachable");
        c.metrics.push(b);
        return { duplicate: false };
      },
      logs: async (b: LogBatch) => {
        if (c.down) throw new Error("console unreachable");
        c.logs.push(b);
        return { duplicate: false };
      },
    } as unknown as ConsoleClient,
  };
  return c;
}

const rec = (i: number): InvocationRecord => ({ tenantId: "t", functionId: "f", version: 1, at: Date.now(), status: 200, wallUs: 100 + i, cpuUs: 1, bytesIn: 0, bytesOut: 11, error: false, limit: null });
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Writes n records into a closed segment of the journal at dir. */
async function segment(dir: string, n: number): Promise<void> {
  const j = new Journal(dir);
  for (let i = 0; i < n; i++) j.record(rec(i));
  await turn();
  j.rotate();
  j.close();
}

const requests = (batches: MetricsBatch[]): number => batches.flatMap((b) => b.rollups).reduce((a, r) => a + r.requests, 0);

describe("outbox", () => {
  it("after a crash between a bundle and the deletion of its segments, counts them once", async () => {
    const data = dataDir();
    const journalDir = path.join(data, "runtime", "journal");
    await segment(journalDir, 3);
    const segs = fs.readdirSync(journalDir).filter((f) => f.endsWith(".seg"));
    expect(segs.length).toBe(1);
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-keep-"));
    dirs.push(keep);
    for (const f of fs.readdirSync(journalDir)) fs.copyFileSync(path.join(journalDir, f), path.join(keep, f));
    const first = new Outbox(data, fakeConsole().client, "n1");
    expect(first.collect(journalDir)).toBe(3);
    // The crash: the segments are back, as if their deletion never happened.
    for (const f of fs.readdirSync(keep)) fs.copyFileSync(path.join(keep, f), path.join(journalDir, f));
    const c = fakeConsole();
    const restarted = new Outbox(data, c.client, "n1");
    expect(restarted.collect(journalDir)).toBe(0);
    expect(fs.readdirSync(journalDir).filter((f) => f.endsWith(".seg"))).toEqual([]);
    await restarted.flush();
    expect(requests(c.metrics)).toBe(3);
    expect(restarted.pending()).toEqual([]);
  });

  it("reads its pending bundles back only on the first collection, however many pile up", async () => {
    const { journalDir, c, outbox } = setup({ down: true });
    const outboxReads = (): number => read.mock.calls.filter(([f]) => String(f).startsWith(outbox.dir)).length;
    const read = vi.spyOn(fs, "readFileSync");
    for (let i = 0; i < 5; i++) {
      await segment(journalDir, 2);
      outbox.collect(journalDir);
      await outbox.flush(); // refused: only the oldest bundle is read to be sent
    }
    // The oldest, offered at every flush, and one that took the other collections.
    expect(outbox.pending().length).toBe(2);
    // One read per flush (the oldest bundle); the collections read none.
    expect(outboxReads()).toBe(5);
    c.down = false;
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    expect(requests(c.metrics)).toBe(10);
  });

  it("sets an unreadable bundle aside, says so, and still delivers the ones behind it", async () => {
    const { journalDir, c, outbox } = setup();
    const damaged = "000000000000001-1-000000-bundle.json";
    fs.writeFileSync(path.join(outbox.dir, damaged), '{"sources":["x.seg"],"batches":[{"kind":"metr');
    await segment(journalDir, 4);
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    outbox.collect(journalDir);
    await outbox.flush();
    expect(requests(c.metrics)).toBe(4);
    expect(outbox.pending()).toEqual([]);
    expect(outbox.unreadable()).toEqual([damaged]);
    expect(fs.readFileSync(path.join(outbox.dir, "unreadable", damaged), "utf8")).toContain('"kind":"metr');
    expect(outbox.lastError).toBeNull(); // cleared by the delivery after it
    expect(stderr.mock.calls.some(([m]) => String(m).includes(damaged))).toBe(true);
  });

  it("folds collections into the newest bundle while the console is down, each record counted once", async () => {
    const { journalDir, c, outbox } = setup({ down: true });
    let counted = 0;
    for (let i = 0; i < 30; i++) {
      await segment(journalDir, 3);
      outbox.collect(journalDir, (fold) => (counted += fold.rollups.reduce((a, r) => a + r.requests, 0)));
      await outbox.flush();
    }
    expect(counted).toBe(90);
    expect(outbox.pending().length).toBe(2);
    c.down = false;
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    expect(requests(c.metrics)).toBe(90);
    // One rollup per function and minute in each bundle, not one per collection.
    for (const b of c.metrics) expect(b.rollups.length).toBeLessThanOrEqual(2);
  });

  it("starts a new bundle once the newest reaches its size cap", async () => {
    const { journalDir, c, outbox } = setup({ down: true, mergeBytes: 1 });
    for (let i = 0; i < 4; i++) {
      await segment(journalDir, 1);
      outbox.collect(journalDir);
    }
    expect(outbox.pending().length).toBe(4);
    c.down = false;
    await outbox.flush();
    expect(requests(c.metrics)).toBe(4);
  });

  it("never folds more into a bundle the flush has begun to send", async () => {
    const { journalDir, c, outbox } = setup();
    // The console holds the first batch it gets until released.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const take = c.client.metrics.bind(c.client);
    let first = true;
    c.client.metrics = async (b: MetricsBatch) => {
      if (first) {
        first = false;
        await held;
      }
      return take(b);
    };
    await segment(journalDir, 2);
    outbox.collect(journalDir);
    const sending = outbox.flush();
    for (let i = 0; i < 3; i++) {
      await segment(journalDir, 5);
      outbox.collect(journalDir);
    }
    release();
    await sending;
    await outbox.flush();
    expect(outbox.pending()).toEqual([]);
    expect(requests(c.metrics)).toBe(17);
    expect(c.metrics.length).toBe(2);
  });
});
