import { afterEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "./rate-limit";

afterEach(() => vi.useRealTimers());

describe("createRateLimiter", () => {
  it("refuses past max within a window and allows again in the next one", () => {
    vi.useFakeTimers({ now: 0 });
    const l = createRateLimiter({ windowMs: 1000, max: 2 });
    l.hit("k");
    l.hit("k");
    expect(() => l.hit("k")).toThrow(/Too many attempts; try again in 1 s\./);
    vi.setSystemTime(1000);
    expect(() => l.hit("k")).not.toThrow();
  });

  it("a flood of new keys does not reset a key's live window: ended windows are evicted first", () => {
    vi.useFakeTimers({ now: 0 });
    const l = createRateLimiter({ windowMs: 1000, max: 2, maxKeys: 3 });
    l.hit("ended");
    vi.setSystemTime(1500);
    l.hit("victim");
    l.hit("victim");
    l.hit("a");
    l.hit("b"); // the map is full: "ended" goes, not "victim"
    expect(() => l.hit("victim")).toThrow();
    // Only when every window is live does the oldest give way.
    l.hit("c");
    expect(() => l.hit("victim")).not.toThrow();
  });

  it("check() refuses a used-up key without counting, and lets others through", () => {
    vi.useFakeTimers({ now: 0 });
    const l = createRateLimiter({ windowMs: 1000, max: 1 });
    l.check("k");
    l.hit("k");
    expect(() => l.check("k")).toThrow(/Too many attempts/);
    expect(() => l.check("other")).not.toThrow();
    vi.setSystemTime(1000);
    expect(() => l.check("k")).not.toThrow();
  });
});
