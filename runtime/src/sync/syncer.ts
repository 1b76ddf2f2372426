/**
 * Keeps the runtime's configuration in step with the console: snapshot when we have none (or
 * the console says reset), then long-poll /changes, apply in revision order, persist atomically,
 * hand the changes to the engines. While the console is unreachable it retries with backoff and
 * the runtime keeps serving what it has.
 */
import type { Change } from "../protocol/index.ts";
import { applyChanges, emptyState, snapshotOf, stateFromSnapshot, type RuntimeState } from "../routing/state.ts";
import type { ConsoleClient } from "./client.ts";
import type { SnapshotStore } from "./store.ts";

export interface SyncTarget {
  /** Replace everything (after a snapshot). */
  replace(state: RuntimeState): Promise<void>;
  /** Apply changes already folded into the state. */
  changes(state: RuntimeState, changes: Change[]): Promise<void>;
}

export class Syncer {
  state: RuntimeState;
  readonly #client: ConsoleClient;
  readonly #store: SnapshotStore;
  readonly #target: SyncTarget;
  /** Reports the applied revision (the heartbeat); never rejects. */
  readonly #onApplied: () => Promise<void>;
  #abort = new AbortController();
  #running: Promise<void> | null = null;
  #needSnapshot: boolean;
  lastError: string | null = null;
  connected = false;

  constructor(opts: { client: ConsoleClient; store: SnapshotStore; target: SyncTarget; initial: RuntimeState | null; onApplied: () => Promise<void> }) {
    this.#client = opts.client;
    this.#store = opts.store;
    this.#target = opts.target;
    this.#onApplied = opts.onApplied;
    this.#needSnapshot = opts.initial === null;
    this.state = opts.initial ?? emptyState();
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  async #loop(): Promise<void> {
    let backoff = 250;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        if (this.#needSnapshot) {
          const snap = await this.#client.snapshot(signal);
          this.state = stateFromSnapshot(snap);
          this.#store.save(snap);
          await this.#target.replace(this.state);
          this.#needSnapshot = false;
          this.connected = true;
          this.lastError = null;
          await this.#onApplied();
        }
        const res = await this.#client.changes(this.state.revision, signal);
        this.connected = true;
        this.lastError = null;
        backoff = 250;
        if (res.reset) {
          this.#needSnapshot = true;
          continue;
        }
        const before = this.state.revision;
        const fresh = res.changes.filter((c) => c.revision > before);
        applyChanges(this.state, fresh, res.revision);
        // Apply and report first, persist after: a deploy is waiting on the report, and a
        // snapshot lost in a crash only means asking the console for these changes again.
        if (fresh.length) {
          await this.#target.changes(this.state, fresh);
          // Report before polling again: the report is what a deploy waits for, and the next
          // long-poll's read would otherwise compete with it on the console.
          await this.#onApplied();
        }
        if (this.state.revision !== before) this.#store.saveSoon(snapshotOf(this.state));
      } catch (e) {
        if (signal.aborted) break;
        this.connected = false;
        this.lastError = e instanceof Error ? e.message : String(e);
        await sleep(backoff + Math.random() * backoff * 0.2, signal);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running?.catch(() => undefined);
    this.#running = null;
    await this.#store.flush();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
