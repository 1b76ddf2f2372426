/**
 * Prometheus metrics for the node. The primary adds up what it collects from the workers' journal
 * segments (their rollups, see outbox.ts), so its registry is the aggregate across workers (about
 * one flush behind), and its cost grows with the number of functions, not of requests.
 */
import client from "prom-client";
import { BUCKET_BOUNDS_MS, BUCKET_COUNT } from "../protocol/index.ts";
import type { Fold } from "./meter.ts";

const LATENCY = "edge_invocation_seconds";

export class NodeMetrics {
  readonly registry = new client.Registry();
  readonly #invocations = new client.Counter({ name: "edge_invocations_total", help: "Function invocations", labelNames: ["tenant", "function", "status_class"], registers: [this.registry] });
  readonly #limits = new client.Counter({ name: "edge_limit_events_total", help: "Requests stopped by a limit", labelNames: ["tenant", "limit"], registers: [this.registry] });
  readonly #errors = new client.Counter({ name: "edge_uncaught_errors_total", help: "Uncaught exceptions in tenant code", labelNames: ["tenant"], registers: [this.registry] });
  readonly #logsDropped = new client.Counter({ name: "edge_logs_dropped_total", help: "Console lines not kept (past the journal's cap per segment), also in the console's rollups", labelNames: ["tenant"], registers: [this.registry] });
  readonly #cpu = new client.Counter({ name: "edge_cpu_seconds_total", help: "Isolate CPU time", labelNames: ["tenant"], registers: [this.registry] });
  readonly revision = new client.Gauge({ name: "edge_applied_revision", help: "Configuration revision applied by every worker", registers: [this.registry] });
  readonly workers = new client.Gauge({ name: "edge_workers", help: "Live worker processes", registers: [this.registry] });
  readonly workerHeap = new client.Gauge({ name: "edge_worker_heap_bytes", help: "Heap used per worker (isolates included)", labelNames: ["worker"], registers: [this.registry] });
  readonly isolates = new client.Gauge({ name: "edge_isolates", help: "Live isolates per worker", labelNames: ["worker"], registers: [this.registry] });
  readonly outbox = new client.Gauge({ name: "edge_outbox_batches", help: "Metric/log batches waiting for the console", registers: [this.registry] });
  readonly unreadable = new client.Gauge({ name: "edge_outbox_unreadable", help: "Outbox bundles that could not be read, set aside in outbox/unreadable/", registers: [this.registry] });
  /**
   * Wall time per invocation, in the rollups' own log-scale buckets (0.05 ms × 1.5^i): it is
   * added up from them, which prom-client's Histogram (one observe per value) cannot do.
   */
  readonly #latency = { buckets: new Array<number>(BUCKET_COUNT).fill(0), sumUs: 0 };

  /** Counts what a collection folded. */
  add({ rollups, limits }: Pick<Fold, "rollups" | "limits">): void {
    for (const r of rollups) {
      const tenant = r.tenantId;
      for (const [cls, n] of [["2xx", r.status2xx], ["3xx", r.status3xx], ["4xx", r.status4xx], ["5xx", r.status5xx]] as const) {
        if (n) this.#invocations.inc({ tenant, function: r.functionId, status_class: cls }, n);
      }
      if (r.errors) this.#errors.inc({ tenant }, r.errors);
      if (r.logsDropped) this.#logsDropped.inc({ tenant }, r.logsDropped);
      this.#cpu.inc({ tenant }, r.cpuUs / 1e6);
      for (let i = 0; i < BUCKET_COUNT; i++) this.#latency.buckets[i]! += r.latencyHist[i]!;
      this.#latency.sumUs += r.wallUs;
    }
    for (const l of limits) this.#limits.inc({ tenant: l.tenantId, limit: l.limit }, l.n);
  }

  /** The exposition text: the registry, then the latency histogram. */
  async text(): Promise<string> {
    const lines = [`# HELP ${LATENCY} Wall time per invocation`, `# TYPE ${LATENCY} histogram`];
    let count = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      count += this.#latency.buckets[i]!;
      const le = i < BUCKET_BOUNDS_MS.length ? String(Number((BUCKET_BOUNDS_MS[i]! / 1000).toPrecision(3))) : "+Inf";
      lines.push(`${LATENCY}_bucket{le="${le}"} ${count}`);
    }
    lines.push(`${LATENCY}_sum ${this.#latency.sumUs / 1e6}`, `${LATENCY}_count ${count}`);
    return `${await this.registry.metrics()}\n${lines.join("\n")}\n`;
  }
}
