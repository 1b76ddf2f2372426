/**
 * Prometheus metrics for the node. The primary observes every record as it collects the workers'
 * journal segments, so its registry is the aggregate across workers (about one flush behind).
 */
import client from "prom-client";
import type { InvocationRecord } from "./types.ts";

export class NodeMetrics {
  readonly registry = new client.Registry();
  /**
   * Labelled increments folded per label set until the next scrape (or read): prom-client
   * hashes the labels on every inc, and the primary observes every record of every worker.
   */
  #pendingInvocations = new Map<string, number>();
  #pendingErrors = new Map<string, number>();
  #pendingCpu = new Map<string, number>();
  readonly #apply = (): void => {
    for (const [k, n] of this.#pendingInvocations) {
      const [tenant, fn, cls] = k.split("\0") as [string, string, string];
      this.#invocations.inc({ tenant, function: fn, status_class: cls }, n);
    }
    for (const [tenant, n] of this.#pendingErrors) this.#errors.inc({ tenant }, n);
    for (const [tenant, s] of this.#pendingCpu) this.#cpu.inc({ tenant }, s);
    this.#pendingInvocations = new Map();
    this.#pendingErrors = new Map();
    this.#pendingCpu = new Map();
  };
  readonly #invocations = new client.Counter({ name: "edge_invocations_total", help: "Function invocations", labelNames: ["tenant", "function", "status_class"], registers: [this.registry], collect: this.#apply });
  readonly #limits = new client.Counter({ name: "edge_limit_events_total", help: "Requests stopped by a limit", labelNames: ["tenant", "limit"], registers: [this.registry] });
  readonly #errors = new client.Counter({ name: "edge_uncaught_errors_total", help: "Uncaught exceptions in tenant code", labelNames: ["tenant"], registers: [this.registry], collect: this.#apply });
  readonly #latency = new client.Histogram({ name: "edge_invocation_seconds", help: "Wall time per invocation", buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30], registers: [this.registry] });
  readonly #cpu = new client.Counter({ name: "edge_cpu_seconds_total", help: "Isolate CPU time", labelNames: ["tenant"], registers: [this.registry], collect: this.#apply });
  readonly revision = new client.Gauge({ name: "edge_applied_revision", help: "Configuration revision applied by every worker", registers: [this.registry] });
  readonly workers = new client.Gauge({ name: "edge_workers", help: "Live worker processes", registers: [this.registry] });
  readonly workerHeap = new client.Gauge({ name: "edge_worker_heap_bytes", help: "Heap used per worker (isolates included)", labelNames: ["worker"], registers: [this.registry] });
  readonly isolates = new client.Gauge({ name: "edge_isolates", help: "Live isolates per worker", labelNames: ["worker"], registers: [this.registry] });
  readonly outbox = new client.Gauge({ name: "edge_outbox_batches", help: "Metric/log batches waiting for the console", registers: [this.registry] });

  observe(r: InvocationRecord): void {
    const k = `${r.tenantId}\0${r.functionId}\0${Math.floor(r.status / 100)}xx`;
    this.#pendingInvocations.set(k, (this.#pendingInvocations.get(k) ?? 0) + 1);
    if (r.limit) this.#limits.inc({ tenant: r.tenantId, limit: r.limit });
    if (r.error) this.#pendingErrors.set(r.tenantId, (this.#pendingErrors.get(r.tenantId) ?? 0) + 1);
    this.#latency.observe(r.wallUs / 1e6);
    this.#pendingCpu.set(r.tenantId, (this.#pendingCpu.get(r.tenantId) ?? 0) + r.cpuUs / 1e6);
  }
}
