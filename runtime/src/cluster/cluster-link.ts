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
import { emptyState, snapshotOf, type RuntimeState } from "../routing/state.ts";
import type { PreviewResult, PreviewRun } from "../protocol/preview.ts";
import type { ToPrimary, ToWorker } from "./messages.ts";

/** How long a batch of changes may wait for a slow worker before the node reports anyway. */
const ACK_TIMEOUT_MS = 30_000;

export class ClusterLink implements EngineLink {
  readonly #env: RuntimeEnv;
  readonly #sink: MeterSink;
  readonly #metrics: () => NodeMetrics | null;
  #state: RuntimeState | null = null;
  /** Revision each worker has applied (-1 until its first state is warm). */
  #applied = new Map<number, number>();
  #roles = new Map<number, "active" | "standby">();
  #waiters: (() => void)[] = [];
  #stopping = false;
  #previews = new Map<number, { worker: number; resolve: (r: PreviewResult) => void; reject: (e: Error) => void }>();
  #previewSeq = 0;
  /** When each worker last sent anything (they send stats every second). */
  #lastSeen = new Map<number, number>();
  /** Workers that refuse requests, and why (their journal cannot be written); from their stats. */
  #refusing = new Map<number, string>();
  #stuckTimer: NodeJS.Timeout | null = null;
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
      const role = this.#roles.get(worker.id);
      this.#applied.delete(worker.id);
      this.#roles.delete(worker.id);
      this.#lastSeen.delete(worker.id);
      this.#refusing.delete(worker.id);
      this.#metrics()?.workerHeap.remove(String(worker.id));
      this.#metrics()?.isolates.remove(String(worker.id));
      this.#wake();
      for (const [id, p] of this.#previews) {
        if (p.worker !== worker.id) continue;
        this.#previews.delete(id);
        p.reject(new Error("the worker running the preview exited"));
      }
      if (this.#stopping) return;
      this.restarts++;
      if (role !== "active") return void this.#fork("standby");
      const standby = Object.values(cluster.workers ?? {}).find((w) => w && this.#roles.get(w.id) === "standby" && (this.#applied.get(w.id) ?? -1) >= 0);
      console.error(`runtime: worker ${worker.process.pid} exited (${signal ?? code}); ${standby ? `activating standby ${standby.process.pid}` : "starting a replacement"}`);
      if (standby) {
        this.#roles.set(standby.id, "active");
        this.#send(standby, { type: "activate" });
        this.#fork("standby");
      } else this.#fork("active");
    });
    for (let i = 0; i < this.#env.workers; i++) this.#fork("active");
    for (let i = 0; i < this.#env.standbyWorkers; i++) this.#fork("standby");
    // Last line of defence: a worker whose event loop stays blocked (an isolate that could not
    // be interrupted) is killed, so the standby takes over instead of the port going dark.
    this.#stuckTimer = setInterval(() => this.#killStuck(), 1000);
    this.#stuckTimer.unref();
    return this.#env.port;
  }

  #fork(role: "active" | "standby"): void {
    const worker = cluster.fork({ EDGE_WORKER_ROLE: role });
    this.#roles.set(worker.id, role);
    worker.on("message", (msg: ToPrimary) => this.#onMessage(worker, msg));
  }

  #active(): number[] {
    return [...this.#roles].filter(([, r]) => r === "active").map(([id]) => id);
  }

  #send(worker: Worker, msg: ToWorker): void {
    if (worker.isConnected()) worker.send(msg);
  }

  #killStuck(): void {
    const now = Date.now();
    for (const w of Object.values(cluster.workers ?? {})) {
      const seen = w && this.#lastSeen.get(w.id);
      if (!w || seen === undefined || now - seen < this.#env.stuckWorkerMs || w.process.killed) continue;
      console.error(`runtime: worker ${w.process.pid} sent nothing for ${now - seen} ms; killing it`);
      this.#lastSeen.delete(w.id);
      w.process.kill("SIGKILL");
    }
  }

  #onMessage(worker: Worker, msg: ToPrimary): void {
    this.#lastSeen.set(worker.id, Date.now());
    switch (msg.type) {
      case "hello":
        this.#applied.set(worker.id, -1);
        this.#send(worker, { type: "snapshot", snapshot: snapshotOf(this.#state ?? emptyState()) });
        break;
      case "applied":
        this.#applied.set(worker.id, msg.revision);
        this.#wake();
        break;
      case "listening":
        break;
      case "meter":
        for (const r of msg.records) this.#sink.record(r);
        for (const l of msg.logs) this.#sink.log(l);
        break;
      case "previewResult": {
        const p = this.#previews.get(msg.id);
        this.#previews.delete(msg.id);
        if (msg.result) p?.resolve(msg.result);
        else p?.reject(new Error(msg.error ?? "preview failed"));
        break;
      }
      case "stats":
        if (msg.refusing) this.#refusing.set(worker.id, msg.refusing);
        else this.#refusing.delete(worker.id);
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

  /** Runs a test-console request on one active worker (they take turns). */
  preview(job: PreviewRun): Promise<PreviewResult> {
    const active = this.#active().filter((id) => cluster.workers?.[id]?.isConnected());
    if (!active.length) return Promise.reject(new Error("no worker is running"));
    const id = ++this.#previewSeq;
    const workerId = active[id % active.length]!;
    return new Promise((resolve, reject) => {
      this.#previews.set(id, { worker: workerId, resolve, reject });
      this.#send(cluster.workers![workerId]!, { type: "preview", id, job });
    });
  }

  workerCount(): number {
    return this.#active().length;
  }

  /** Why an active worker refuses requests (the first one found), or null. */
  refusing(): string | null {
    for (const [id, why] of this.#refusing) if (this.#roles.get(id) === "active") return `worker ${cluster.workers?.[id]?.process.pid ?? id}: ${why}`;
    return null;
  }

  /** Active workers that have applied a state (standbys are not counted: they serve nothing). */
  workerPids(): number[] {
    return this.#active().flatMap((id) => {
      const w = cluster.workers?.[id];
      return w?.process.pid && (this.#applied.get(id) ?? -1) >= 0 ? [w.process.pid] : [];
    });
  }

  appliedRevision(): number {
    const revs = this.#active().map((id) => this.#applied.get(id) ?? -1);
    return revs.length ? Math.max(0, Math.min(...revs)) : 0;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#stuckTimer) clearInterval(this.#stuckTimer);
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
