/**
 * The messages that cross between the console and the runtime, as zod schemas imported by both
 * sides. Every message carries PROTOCOL_VERSION; a side that receives another version refuses it
 * with a clear error instead of guessing.
 *
 * Runtime-facing endpoints of the console (all under /api/internal/runtime, bearer RUNTIME_TOKEN):
 *   GET  /snapshot                 -> Snapshot (full state; used on first start or after a reset)
 *   GET  /changes?after=REV        -> ChangesResponse (long-poll: held until a change or ~25 s)
 *   POST /heartbeat   Heartbeat    -> { ok: true }
 *   POST /metrics     MetricsBatch -> { ok: true, duplicate: boolean }
 *   POST /logs        LogBatch     -> { ok: true, duplicate: boolean }
 *
 * Plain relative imports with .ts extensions: the runtime runs on Node's own type stripping.
 */
import { z } from "zod";

export const PROTOCOL_VERSION = 1;
const version = z.literal(PROTOCOL_VERSION);

export const TenantLimits = z.object({
  cpuMs: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
  wallMs: z.number().int().positive(),
  subrequests: z.number().int().nonnegative(),
  requestBodyBytes: z.number().int().positive(),
});
export type TenantLimits = z.infer<typeof TenantLimits>;

export const DEFAULT_LIMITS: TenantLimits = {
  cpuMs: 50,
  memoryMb: 128,
  wallMs: 30_000,
  subrequests: 50,
  requestBodyBytes: 10 * 1024 * 1024,
};

/** A usage quota the console found used up: the runtime answers 429 naming it until it clears. */
export const QuotaBlock = z.object({
  quota: z.enum(["included_requests", "included_cpu_ms", "spend_cap"]),
  message: z.string(),
});
export type QuotaBlock = z.infer<typeof QuotaBlock>;

export const TenantState = z.object({
  tenantId: z.string(),
  slug: z.string(),
  status: z.enum(["active", "suspended"]),
  limits: TenantLimits,
  /** Absent or null: no quota is used up. */
  quota: QuotaBlock.nullable().optional(),
});
export type TenantState = z.infer<typeof TenantState>;

/** Everything a runtime needs to serve one function's live version. */
export const FunctionState = z.object({
  functionId: z.string(),
  tenantId: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  /** Compiled by the console with esbuild: an ES module whose default export is the handler. */
  code: z.string(),
  sourceMap: z.string().nullable(),
  /** Plain variables, visible to the code as env.NAME. */
  vars: z.record(z.string(), z.string()),
  /** Secrets sealed with AES-256-GCM under the shared runtime key (iv.tag.ciphertext, base64url). */
  secrets: z.record(z.string(), z.string()).default({}),
});
export type FunctionState = z.infer<typeof FunctionState>;

/** A hostname a tenant claimed; only verified domains serve (see runtime/src/routing/table.ts). */
export const DomainState = z.object({
  domainId: z.string(),
  tenantId: z.string(),
  /** Lowercase; a wildcard starts with "*.". */
  hostname: z.string(),
  verified: z.boolean(),
});
export type DomainState = z.infer<typeof DomainState>;

/** A path pattern (URLPattern pathname syntax) on a domain, optionally limited to methods. */
export const RouteState = z.object({
  routeId: z.string(),
  tenantId: z.string(),
  domainId: z.string(),
  functionId: z.string(),
  pattern: z.string(),
  methods: z.array(z.string()).nullable(),
  priority: z.number().int(),
});
export type RouteState = z.infer<typeof RouteState>;

/**
 * A gradual rollout: `percent` of the function's requests go to `candidate` (another version of the
 * same function), the rest to its live version. Sticky per client by a cookie or header value; with
 * `name` null the runtime sets its own cookie.
 */
export const RolloutState = z.object({
  functionId: z.string(),
  tenantId: z.string(),
  percent: z.number().min(0).max(100),
  sticky: z.object({ kind: z.enum(["cookie", "header"]), name: z.string().nullable() }),
  candidate: FunctionState,
});
export type RolloutState = z.infer<typeof RolloutState>;

export const Change = z.discriminatedUnion("kind", [
  z.object({ revision: z.number().int(), kind: z.literal("tenant.upserted"), tenant: TenantState }),
  z.object({ revision: z.number().int(), kind: z.literal("tenant.deleted"), tenantId: z.string() }),
  z.object({ revision: z.number().int(), kind: z.literal("function.deployed"), function: FunctionState }),
  z.object({ revision: z.number().int(), kind: z.literal("function.deleted"), functionId: z.string(), tenantId: z.string() }),
  z.object({ revision: z.number().int(), kind: z.literal("domain.upserted"), domain: DomainState }),
  z.object({ revision: z.number().int(), kind: z.literal("domain.deleted"), domainId: z.string(), tenantId: z.string() }),
  z.object({ revision: z.number().int(), kind: z.literal("route.upserted"), route: RouteState }),
  z.object({ revision: z.number().int(), kind: z.literal("route.deleted"), routeId: z.string(), tenantId: z.string() }),
  z.object({ revision: z.number().int(), kind: z.literal("rollout.set"), rollout: RolloutState }),
  z.object({ revision: z.number().int(), kind: z.literal("rollout.cleared"), functionId: z.string(), tenantId: z.string() }),
]);
export type Change = z.infer<typeof Change>;
export type ChangeKind = Change["kind"];

export const Snapshot = z.object({
  protocol: version,
  revision: z.number().int().nonnegative(),
  tenants: z.array(TenantState),
  functions: z.array(FunctionState),
  // Defaults: a snapshot written before domains existed still loads.
  domains: z.array(DomainState).default([]),
  routes: z.array(RouteState).default([]),
  rollouts: z.array(RolloutState).default([]),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const ChangesResponse = z.object({
  protocol: version,
  /** Highest revision known to the console (may exceed the last change returned). */
  revision: z.number().int().nonnegative(),
  changes: z.array(Change),
  /** True when `after` is older than the console keeps: fetch /snapshot and start over. */
  reset: z.boolean().default(false),
});
export type ChangesResponse = z.infer<typeof ChangesResponse>;

export const Heartbeat = z.object({
  protocol: version,
  nodeId: z.string().min(1),
  hostname: z.string(),
  version: z.string(),
  workers: z.number().int().positive(),
  appliedRevision: z.number().int().nonnegative(),
  startedAt: z.string().datetime(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/**
 * Fixed log-scale histogram buckets, in milliseconds: bucket i counts values <= BUCKET_BOUNDS_MS[i];
 * the last bucket (index BUCKET_BOUNDS_MS.length) counts everything larger.
 */
export const BUCKET_BOUNDS_MS: readonly number[] = Array.from({ length: 36 }, (_, i) => Number((0.05 * 1.5 ** i).toPrecision(3)));
export const BUCKET_COUNT = BUCKET_BOUNDS_MS.length + 1;

export function bucketIndex(ms: number): number {
  let lo = 0;
  let hi = BUCKET_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= BUCKET_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const Hist = z.array(z.number().int().nonnegative()).length(BUCKET_COUNT);

/** One function version's invocations within one minute, as aggregated by one runtime node. */
export const Rollup = z.object({
  tenantId: z.string(),
  functionId: z.string(),
  version: z.number().int().nonnegative(),
  minute: z.string().datetime(),
  requests: z.number().int().nonnegative(),
  status2xx: z.number().int().nonnegative(),
  status3xx: z.number().int().nonnegative(),
  status4xx: z.number().int().nonnegative(),
  status5xx: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  limitEvents: z.number().int().nonnegative(),
  cpuUs: z.number().int().nonnegative(),
  wallUs: z.number().int().nonnegative(),
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  /**
   * Console lines the function wrote that were not kept: past the journal's cap per segment (a
   * noisy function), they are counted here instead. Absent from nodes older than stop 24.
   */
  logsDropped: z.number().int().nonnegative().default(0),
  latencyHist: Hist,
  cpuHist: Hist,
});
export type Rollup = z.infer<typeof Rollup>;

/** The Rollup fields that add up (the histograms add up bucket by bucket), in the meter and the console. */
export const ROLLUP_COUNTERS = ["requests", "status2xx", "status3xx", "status4xx", "status5xx", "errors", "limitEvents", "cpuUs", "wallUs", "bytesIn", "bytesOut", "logsDropped"] as const satisfies readonly (keyof Rollup)[];

/** A rollup with every counter at zero, for one function version and minute. */
export function emptyRollup(key: Pick<Rollup, "tenantId" | "functionId" | "version" | "minute">): Rollup {
  return {
    ...key,
    requests: 0,
    status2xx: 0,
    status3xx: 0,
    status4xx: 0,
    status5xx: 0,
    errors: 0,
    limitEvents: 0,
    cpuUs: 0,
    wallUs: 0,
    bytesIn: 0,
    bytesOut: 0,
    logsDropped: 0,
    latencyHist: new Array<number>(BUCKET_COUNT).fill(0),
    cpuHist: new Array<number>(BUCKET_COUNT).fill(0),
  };
}

export const MetricsBatch = z.object({
  protocol: version,
  batchId: z.string().min(8),
  nodeId: z.string(),
  rollups: z.array(Rollup),
});
export type MetricsBatch = z.infer<typeof MetricsBatch>;

export const LogLevel = z.enum(["debug", "info", "log", "warn", "error"]);

export const LogEntry = z.object({
  tenantId: z.string(),
  functionId: z.string(),
  version: z.number().int().nonnegative(),
  requestId: z.string(),
  at: z.string().datetime(),
  level: LogLevel,
  message: z.string(),
  status: z.number().int().nullable().default(null),
  /** Uncaught errors and limit events: { kind, limit?, value?, stack?, request? }. */
  details: z.record(z.string(), z.unknown()).nullable().default(null),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LogBatch = z.object({
  protocol: version,
  batchId: z.string().min(8),
  nodeId: z.string(),
  logs: z.array(LogEntry),
});
export type LogBatch = z.infer<typeof LogBatch>;

export const IngestResponse = z.object({ ok: z.literal(true), duplicate: z.boolean() });
