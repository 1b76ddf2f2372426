/**
 * A small in-process stand-in for the console's internal runtime API (tests and the bench): serves
 * a Snapshot and long-polled Changes, records Heartbeats, MetricsBatches and LogBatches, and
 * de-duplicates batches by batchId the way the real console must.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Heartbeat, LogBatch, MetricsBatch, PROTOCOL_VERSION, type Change, type FunctionState, type TenantState } from "../src/protocol/index.ts";

/** A change without its revision (distributes over the union so each kind keeps its fields). */
export type ChangeInput = Change extends infer C ? (C extends Change ? Omit<C, "revision"> : never) : never;

export class StandInConsole {
  readonly token: string;
  revision = 0;
  tenants = new Map<string, TenantState>();
  functions = new Map<string, FunctionState>();
  changes: Change[] = [];
  heartbeats: Heartbeat[] = [];
  metrics: MetricsBatch[] = [];
  logs: LogBatch[] = [];
  /** Every batch id ever posted, duplicates included (to prove retries reuse the id). */
  posted: string[] = [];
  /** When true, /metrics and /logs answer 503 (console "down" for ingestion). */
  failIngest = false;
  holdMs: number;
  /** Changes up to here were compacted away: a runtime asking from before it must reset. */
  compactedThrough = 0;
  #server: http.Server | null = null;
  #waiters: (() => void)[] = [];
  port = 0;

  constructor(opts: { token?: string; holdMs?: number } = {}) {
    this.token = opts.token ?? "test-token";
    this.holdMs = opts.holdMs ?? 1000;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Appends a change at the next revision and wakes long-polls. */
  push(change: ChangeInput): number {
    const c = { ...change, revision: ++this.revision } as Change;
    this.changes.push(c);
    if (c.kind === "tenant.upserted") this.tenants.set(c.tenant.tenantId, c.tenant);
    if (c.kind === "function.deployed") this.functions.set(c.function.functionId, c.function);
    if (c.kind === "function.deleted") this.functions.delete(c.functionId);
    if (c.kind === "tenant.deleted") this.tenants.delete(c.tenantId);
    for (const w of this.#waiters.splice(0)) w();
    return c.revision;
  }

  /** Drops the feed so far, as the console's compaction does (lib/services/runtime/compact-changes.ts). */
  compact(): void {
    this.compactedThrough = this.revision;
    this.changes = [];
  }

  async start(port = 0): Promise<number> {
    const server = http.createServer((req, res) => void this.#handle(req, res));
    this.#server = server;
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { error: "unauthorized" });
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname.replace("/api/internal/runtime", "");
    if (req.method === "GET" && path === "/snapshot") {
      return send(200, { protocol: PROTOCOL_VERSION, revision: this.revision, tenants: [...this.tenants.values()], functions: [...this.functions.values()] });
    }
    if (req.method === "GET" && path === "/changes") {
      const after = Number(url.searchParams.get("after") ?? 0);
      if (after < this.compactedThrough) return send(200, { protocol: PROTOCOL_VERSION, revision: this.revision, changes: [], reset: true });
      if (!this.changes.some((c) => c.revision > after)) {
        await new Promise<void>((resolve) => {
          this.#waiters.push(resolve);
          setTimeout(resolve, this.holdMs);
          req.once("close", resolve);
        });
      }
      return send(200, { protocol: PROTOCOL_VERSION, revision: this.revision, changes: this.changes.filter((c) => c.revision > after), reset: false });
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") as unknown;
    if (req.method === "POST" && path === "/heartbeat") {
      this.heartbeats.push(Heartbeat.parse(body));
      return send(200, { ok: true });
    }
    if (req.method === "POST" && (path === "/metrics" || path === "/logs")) {
      if (this.failIngest) return send(503, { error: "down" });
      const batch = path === "/metrics" ? MetricsBatch.parse(body) : LogBatch.parse(body);
      this.posted.push(batch.batchId);
      const list: { batchId: string }[] = path === "/metrics" ? this.metrics : this.logs;
      const duplicate = list.some((b) => b.batchId === batch.batchId);
      if (!duplicate) (list as unknown[]).push(batch);
      return send(200, { ok: true, duplicate });
    }
    send(404, { error: "not_found" });
  }

  async stop(): Promise<void> {
    for (const w of this.#waiters.splice(0)) w();
    const s = this.#server;
    this.#server = null;
    if (s) await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }
}
