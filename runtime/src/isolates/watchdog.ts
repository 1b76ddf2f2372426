/**
 * Enforces the CPU and wall-clock limits with one shared tick for every running request (no
 * per-request timers). isolated-vm's `timeout` only bounds one synchronous run, while an async
 * handler burns CPU across many turns; so every few ms we compare the isolate's cpuTime with the
 * value at request start and terminate the isolate when the request's share exceeds the limit.
 * An instance serves one request at a time, so the delta is exactly that request's CPU.
 */
import type { FunctionInstance } from "./instance.ts";

export interface Watched {
  instance: FunctionInstance;
  cpuStart: bigint;
  cpuLimitNs: bigint;
  /** Highest CPU seen, kept because a disposed isolate no longer reports cpuTime. */
  cpuSeenNs: bigint;
  /** Date.now() past which the request is stopped for its wall-clock limit. */
  wallDeadline: number;
  onCpuExceeded(cpuNs: bigint): void;
  onWallExceeded(): void;
  /** The isolate was disposed by something other than this request's own limits (V8: memory). */
  onDisposed(): void;
}

/** Idle ticks before the interval stops (restarting it per request would cost a timer each). */
const IDLE_TICKS = 200;

export class Watchdog {
  readonly #watched = new Set<Watched>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #idleTicks = 0;

  constructor(intervalMs = 5) {
    this.#intervalMs = intervalMs;
  }

  add(w: Watched): void {
    this.#watched.add(w);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.check(), this.#intervalMs);
      this.#timer.unref();
    }
  }

  delete(w: Watched): void {
    this.#watched.delete(w);
  }

  /** One pass over running requests (also called directly by tests). */
  check(): void {
    if (this.#watched.size === 0) {
      if (++this.#idleTicks >= IDLE_TICKS && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
        this.#idleTicks = 0;
      }
      return;
    }
    this.#idleTicks = 0;
    const now = Date.now();
    for (const w of this.#watched) {
      if (w.instance.disposed) {
        this.#watched.delete(w);
        w.onDisposed();
        continue;
      }
      const used = w.instance.cpuTime() - w.cpuStart;
      if (used > w.cpuSeenNs) w.cpuSeenNs = used;
      if (used > w.cpuLimitNs) {
        this.#watched.delete(w);
        w.onCpuExceeded(used);
      } else if (now > w.wallDeadline) {
        this.#watched.delete(w);
        w.onWallExceeded();
      }
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#watched.clear();
  }
}
