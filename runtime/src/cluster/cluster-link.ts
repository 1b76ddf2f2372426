/**
 * The primary's view of its workers. Sync lives in the primary (one long-poll per node, one
 * snapshot file, one outbox); workers get the full state when they start and each batch of
 * changes afterwards, and answer with the revision they have warmed and routed. A worker that
 * dies is replaced at once; the others keep serving.
 */
import cluster, { type Worker } from "node:cluster";
import type { Change } from "../protocol/index.ts";
import type { RuntimeEnv } from "../env.ts";
import type { MeterSink } from "../metering/types.ts";
import type { NodeMetrics } from "../metering/prom.ts";
import type { EngineLink } from "../node.ts";
import { snapshotOf, type RuntimeState } from "../routing/state.ts";
import type { ToPrimary, ToWorker } from "./messages.ts";

/** How long a batch of changes may wait for a slow worker before the node reports anyway. */
const ACK_TIMEOUT_MS = 30_000;

export class ClusterLink implements EngineLink {
  readonly #env: RuntimeEnv;
  readonly #sink: MeterSink;
  readonly #metrics: () => NodeMetrics | null;
  #state: RuntimeState | null = null;
  #applied = new Map<number, number>();
  #waiters: (() => void)[] = [];
  #stopping = false;
  restarts = 0;

  constructor(env: RuntimeEnv, sink: MeterSink, metrics: () => NodeMetrics | null) {
    this.#env = env;
    this.#sink = sink;
    this.#metrics = metrics;
  }

  async start(): Promise<number> {
    // isolated-vm asks for --no-node-snapshot on Node >= 20 in every process that creates isolates.
    cluster.setupPrimary({ execArgv: [...process.execArgv.filter((a) => a !== "--no-node-snapshot"), "--no-node-snapshot"] });
    cluster.on("exit", (worker, code, signal) => {
      this.#applied.delete(worker.id);
      this.#metrics()?.workerHeap.remove(String(worker.id));
      this.#metrics()?.isolates.remove(String(worker.id));
      this.#wake();
      if (this.#stopping) return;
      this.restarts++;
      console.error(`runtime: worker ${worker.process.pid} exited (${signal ?? code}); starting a replacement`);
      this.#fork();
    });
    for (let i = 0; i < this.#env.workers; i++) this.#fork();
    return this.#env.port;
  }

  #fork(): void {
    const worker = cluster.fork();
    worker.on("message", (msg: ToPrimary) => this.#onMessage(worker, msg));
  }

  #send(worker: Worker, msg: ToWorker): void {
    if (worker.isConnected()) worker.send(msg);
  }

  #onMessage(worker: Worker, msg: ToPrimary): void {
    switch (msg.type) {
      case "hello":
        this.#applied.set(worker.id, -1);
        if (this.#state) this.#send(worker, { type: "snapshot", snapshot: snapshotOf(this.#state) });
        else this.#send(worker, { type: "snapshot", snapshot: { protocol: 1, revision: 0, tenants: [], functions: [] } });
        break;
      case "applied":
        this.#applied.set(worker.id, msg.revision);
        this.#wake();
        break;
      case "meter":
        for (const r of msg.records) this.#sink.record(r);
        for (const l of msg.logs) this.#sink.log(l);
        break;
      case "stats":
        this.#metrics()?.workerHeap.set({ worker: String(worker.id) }, msg.heapBytes);
        this.#metrics()?.isolates.set({ worker: String(worker.id) }, msg.isolates);
        break;
    }
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Resolves when every live worker has applied `revision` (or after ACK_TIMEOUT_MS). */
  async #allApplied(revision: number): Promise<void> {
    const deadline = Date.now() + ACK_TIMEOUT_MS;
    while (this.appliedRevision() < revision && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 500).unref();
      });
    }
  }

  async replace(state: RuntimeState): Promise<void> {
    this.#state = state;
    const snapshot = snapshotOf(state);
    for (const w of Object.values(cluster.workers ?? {})) if (w) this.#send(w, { type: "snapshot", snapshot });
    await this.#allApplied(state.revision);
  }

  async changes(state: RuntimeState, changes: Change[]): Promise<void> {
    this.#state = state;
    for (const w of Object.values(cluster.workers ?? {})) if (w) this.#send(w, { type: "changes", changes, revision: state.revision });
    await this.#allApplied(state.revision);
  }

  workerCount(): number {
    return this.#applied.size;
  }

  workerPids(): number[] {
    return Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid && this.#applied.has(w.id) ? [w.process.pid] : []));
  }

  appliedRevision(): number {
    const revs = [...this.#applied.values()];
    return revs.length ? Math.max(0, Math.min(...revs)) : 0;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once("exit", () => resolve());
            w.kill("SIGTERM");
            setTimeout(() => {
              w.process.kill("SIGKILL");
              resolve();
            }, 5000).unref();
          }),
      ),
    );
  }
}
