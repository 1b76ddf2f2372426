/**
 * Enforces the CPU limit. isolated-vm's `timeout` only bounds one synchronous run, while an async
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
  onCpuExceeded(cpuNs: bigint): void;
}

export class Watchdog {
  readonly #watched = new Set<Watched>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;

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
    if (this.#watched.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  /** One pass over running requests (also called directly by tests). */
  check(): void {
    for (const w of this.#watched) {
      if (w.instance.disposed) continue;
      const used = w.instance.cpuTime() - w.cpuStart;
      if (used > w.cpuSeenNs) w.cpuSeenNs = used;
      if (used > w.cpuLimitNs) {
        this.#watched.delete(w);
        w.onCpuExceeded(used);
      }
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#watched.clear();
  }
}
