/**
 * One runtime node's control side: local snapshot, sync with the console, heartbeat, metering
 * flush, internal listener. Where requests are served is behind EngineLink: in this process
 * (LocalLink, tests and RUNTIME_WORKERS=0) or in cluster workers (ClusterLink).
 */
import os from "node:os";
import { PROTOCOL_VERSION, type Heartbeat } from "./protocol/index.ts";
import type { PreviewResult, PreviewRun } from "./protocol/preview.ts";
import type { RuntimeEnv } from "./env.ts";
import { Journal, journalDir } from "./metering/journal.ts";
import { Outbox } from "./metering/outbox.ts";
import { NodeMetrics } from "./metering/prom.ts";
import type { MeterSink } from "./metering/types.ts";
import { stateFromSnapshot } from "./routing/state.ts";
import { InternalServer } from "./server/internal.ts";
import { ConsoleClient } from "./sync/client.ts";
import { SnapshotStore } from "./sync/store.ts";
import { Syncer, type SyncTarget } from "./sync/syncer.ts";

export interface EngineLink extends SyncTarget {
  /** Starts serving; resolves with the public port. */
  start(): Promise<number>;
  stop(): Promise<void>;
  workerCount(): number;
  /** Lowest revision every engine has applied (what the node may report to the console). */
  appliedRevision(): number;
  /** Process ids serving traffic (for operators and the worker-replacement test). */
  workerPids(): number[];
  /** Runs one test-console request in a fresh isolate (never routed publicly). */
  preview(job: PreviewRun): Promise<PreviewResult>;
  /** Why a serving process refuses requests (its journal cannot be written), or null. */
  refusing(): string | null;
}

export const RUNTIME_VERSION = "0.1.0";

export class RuntimeNode {
  readonly env: RuntimeEnv;
  /** This process's own journal (in-process serving); cluster workers each write their own. */
  readonly journal: Journal;
  readonly metrics = new NodeMetrics();
  readonly client: ConsoleClient;
  readonly outbox: Outbox;
  readonly link: EngineLink;
  readonly #store: SnapshotStore;
  #syncer: Syncer | null = null;
  #internal: InternalServer | null = null;
  #timers: NodeJS.Timeout[] = [];
  #ready = false;
  readonly startedAt = new Date().toISOString();
  publicPort = 0;
  internalPort = 0;

  constructor(env: RuntimeEnv, makeLink: (sink: MeterSink) => EngineLink) {
    this.env = env;
    this.client = new ConsoleClient(env.consoleUrl, env.token);
    this.outbox = new Outbox(env.dataDir, this.client, env.nodeId);
    this.#store = new SnapshotStore(env.dataDir);
    this.journal = new Journal(journalDir(env.dataDir), { maxBacklogBytes: env.journalHeldBytes });
    this.link = makeLink(this.journal);
  }

  /** Serves from the local snapshot right away, then syncs with the console in the background. */
  async start(): Promise<void> {
    const local = this.#store.load();
    const initial = local ? stateFromSnapshot(local) : null;
    this.publicPort = await this.link.start();
    if (initial) await this.link.replace(initial);
    this.#ready = true;
    this.#internal = new InternalServer(
      {
        // Not ready while a serving process refuses requests: a load balancer should drain this node.
        ready: () => this.#ready && this.link.refusing() === null,
        revision: () => this.link.appliedRevision(),
        metrics: async () => {
          this.metrics.revision.set(this.link.appliedRevision());
          this.metrics.workers.set(this.link.workerCount());
          this.metrics.outbox.set(this.outbox.pending().length);
          this.metrics.unreadable.set(this.outbox.unreadable().length);
          return { contentType: this.metrics.registry.contentType, body: await this.metrics.text() };
        },
        token: this.env.token,
        // Limits come from the tenant state this node synced, never from the caller.
        tenant: (id) => this.#syncer?.state.tenants.get(id) ?? null,
        preview: (job) => this.link.preview(job),
        details: () => ({ nodeId: this.env.nodeId, workerPids: this.link.workerPids(), synced: this.#syncer?.state.revision ?? 0, consoleConnected: this.#syncer?.connected ?? false, lastSyncError: this.#syncer?.lastError ?? null, outboxPending: this.outbox.pending().length, outboxUnreadable: this.outbox.unreadable().length, outboxError: this.outbox.lastError }),
      },
      this.env.internalPort,
    );
    this.internalPort = await this.#internal.start();
    this.#syncer = new Syncer({ client: this.client, store: this.#store, target: this.link, initial, onApplied: () => this.heartbeat() });
    this.#syncer.start();
    this.#timers.push(setInterval(() => void this.heartbeat(), this.env.heartbeatMs));
    this.#timers.push(setInterval(() => void this.flush(), this.env.flushMs));
  }

  /** Tells the console which revision this node serves. Failures are retried by the next beat. */
  async heartbeat(): Promise<void> {
    const hb: Heartbeat = {
      protocol: PROTOCOL_VERSION,
      nodeId: this.env.nodeId,
      hostname: os.hostname(),
      version: RUNTIME_VERSION,
      workers: Math.max(1, this.link.workerCount()),
      appliedRevision: Math.max(0, this.link.appliedRevision()),
      startedAt: this.startedAt,
    };
    await this.client.heartbeat(hb).catch(() => undefined);
  }

  /** Moves every closed journal segment to the on-disk outbox, then tries to deliver the outbox. */
  async flush(): Promise<void> {
    this.journal.rotate();
    this.outbox.collect(this.journal.dir, (fold) => this.metrics.add(fold));
    await this.outbox.flush();
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    await this.#syncer?.stop();
    await this.#internal?.stop();
    await this.link.stop();
    // Whatever was metered reaches the outbox; delivery happens now or after the next start.
    await this.flush();
  }
}
