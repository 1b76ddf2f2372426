/**
 * The reaper's timing on its own: what it is handed goes in a quiet moment, never in the turn it
 * was handed over, is held back while pools report activity, and goes anyway once it waited long
 * enough. (deploy.test.ts checks it with real isolates behind a real engine.)
 */
import { describe, expect, it } from "vitest";
import { Reaper } from "./reaper.ts";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function item(): { dispose(): void; heapBytes(): number; at: number | null } {
  const it = { at: null as number | null, dispose: () => void (it.at ??= performance.now()), heapBytes: () => 1000 };
  return it;
}

describe("Reaper", () => {
  it("disposes once a quiet period has passed, not in the turn it was handed over", async () => {
    const reaper = new Reaper({ quietMs: 30, latestMs: 10_000 });
    const a = item();
    const b = item();
    const t0 = performance.now();
    reaper.add(a);
    reaper.add(b);
    await new Promise((r) => setImmediate(r));
    expect([a.at, b.at, reaper.pending, reaper.pendingHeapBytes()]).toEqual([null, null, 2, 2000]);
    await sleep(200);
    expect(a.at! - t0).toBeGreaterThanOrEqual(29);
    expect(b.at! - t0).toBeGreaterThanOrEqual(29);
    expect([reaper.pending, reaper.pendingHeapBytes()]).toEqual([0, 0]);
  });

  it("waits while the pools report activity, then lets one go per period once it has waited latestMs", async () => {
    const reaper = new Reaper({ quietMs: 30, latestMs: 400 });
    const a = item();
    const b = item();
    const t0 = performance.now();
    reaper.add(a);
    reaper.add(b);
    const busy = setInterval(() => reaper.activity++, 5);
    try {
      await sleep(250);
      expect([a.at, b.at]).toEqual([null, null]);
      await sleep(400);
      expect(a.at).not.toBeNull();
      expect(b.at).not.toBeNull();
      expect(a.at! - t0).toBeGreaterThanOrEqual(399);
      expect(b.at! - a.at!).toBeGreaterThanOrEqual(29);
    } finally {
      clearInterval(busy);
    }
  });

  it("disposes the rest right away when flushed", () => {
    const reaper = new Reaper();
    const items = [item(), item(), item()];
    for (const i of items) reaper.add(i);
    reaper.flush();
    expect(items.every((i) => i.at !== null)).toBe(true);
    expect(reaper.pending).toBe(0);
  });
});
