/**
 * The serving side of a worker: which version pool answers which host, kept in step with the
 * configuration. A new version's first isolate is started before routing flips to it (no cold
 * start); the old pool is retired and finishes its in-flight requests before its isolates go.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { FunctionState, RolloutState, TenantLimits, TenantState } from "../protocol/index.ts";
import { DEFAULT_LIMITS } from "../protocol/index.ts";
import { VersionPool, type PoolOptions } from "../isolates/pool.ts";
import { Reaper } from "../isolates/reaper.ts";
import type { RuntimeState } from "../routing/state.ts";
import { RouteTable, type RouteMiss } from "../routing/table.ts";
import { chooseSide } from "../routing/split.ts";
import type { RuntimeEnv } from "../env.ts";
import { unsealSecret } from "../protocol/secrets.ts";

/** Pool options from the runtime configuration (shared by in-process and cluster workers). */
export function engineOptions(env: RuntimeEnv): PoolOptions {
  return {
    maxInstances: env.maxIsolatesPerVersion,
    egress: { allowPrivate: env.allowPrivateEgress },
    openSecret: (sealed) => {
      const token = env.token();
      if (!token) throw new Error("no runtime token");
      return unsealSecret(sealed, token);
    },
  };
}

export interface Route {
  tenant: TenantState;
  pool: VersionPool;
  /** Set when a rollout issued the client its sticky cookie. */
  setCookie?: string;
}

/**
 * How long a replaced version's isolates may outlive the flip to its successor when the
 * successor gets no request (see #reconcile).
 */
const RETIRE_LATEST_MS = 5000;
/** How often replaced versions are looked at while there are any (see #retireReplaced). */
const RETIRE_CHECK_MS = 20;

export interface EngineOptions extends PoolOptions {
  /** RETIRE_LATEST_MS unless set (tests). */
  retireLatestMs?: number;
}

/** Pools of a rollout's new version live beside the function's own, under this key. */
const rolloutKey = (functionId: string): string => `${functionId}#rollout`;

export interface EngineStats {
  functions: number;
  isolates: number;
  inFlight: number;
  heapBytes: number;
}

function sameLimits(a: TenantLimits, b: TenantLimits): boolean {
  return a.cpuMs === b.cpuMs && a.memoryMb === b.memoryMb && a.wallMs === b.wallMs && a.subrequests === b.subrequests && a.requestBodyBytes === b.requestBodyBytes;
}

export class Engine {
  readonly #opts: PoolOptions;
  /** Disposes what the pools let go in quiet moments (a default one unless the options bring one). */
  readonly reaper: Reaper;
  readonly #retireLatestMs: number;
  /** functionId -> live pool. */
  #pools = new Map<string, VersionPool>();
  /** Versions replaced by a deploy, not yet retired: old -> its successor and when it was replaced. */
  readonly #retiring = new Map<VersionPool, { successor: VersionPool; since: number }>();
  #retireTimer: NodeJS.Timeout | null = null;
  /** "<fn>.<tenantSlug>" -> functionId. */
  #hosts = new Map<string, string>();
  #tenants = new Map<string, TenantState>();
  #tenantBySlug = new Map<string, TenantState>();
  #routes = new RouteTable();
  /** The table the last reconcile built (live once that reconcile's versions are warm). */
  #newestRoutes = this.#routes;
  #rollouts = new Map<string, RolloutState>();
  #queue: Promise<void> = Promise.resolve();
  appliedRevision = -1;

  constructor(opts: EngineOptions) {
    this.reaper = opts.reaper ?? new Reaper();
    this.#opts = { ...opts, reaper: this.reaper };
    this.#retireLatestMs = opts.retireLatestMs ?? RETIRE_LATEST_MS;
  }

  /** Finds the live version for a host's function and tenant slugs. */
  route(fnName: string, tenantSlug: string, headers: IncomingHttpHeaders = {}): Route | { tenant: TenantState; pool: null } | null {
    const tenant = this.#tenantBySlug.get(tenantSlug);
    if (!tenant) return null;
    const id = this.#hosts.get(`${fnName}.${tenantSlug}`);
    return (id && this.#pick(tenant, id, headers)) || { tenant, pool: null };
  }

  /** Finds the function for a custom domain's host, method and path (see routing/table.ts). */
  routeDomain(host: string | undefined, method: string, target: string | undefined, headers: IncomingHttpHeaders): Route | RouteMiss {
    const m = this.#routes.match(host, method, target);
    if (!m.ok) return m;
    const tenant = this.#tenants.get(m.route.tenantId);
    const r = tenant && this.#pick(tenant, m.route.functionId, headers);
    return r || { ok: false, reason: "no_route", hostname: m.domain.hostname };
  }

  /** The live pool of a function, or its rollout's new version for the requests split to it. */
  #pick(tenant: TenantState, functionId: string, headers: IncomingHttpHeaders): Route | null {
    const pool = this.#pools.get(functionId);
    if (!pool) return null;
    const rollout = this.#rollouts.get(functionId);
    const next = rollout && this.#pools.get(rolloutKey(functionId));
    if (!rollout || !next) return { tenant, pool };
    const side = chooseSide(rollout, headers);
    return { tenant, pool: side.candidate ? next : pool, ...(side.setCookie ? { setCookie: side.setCookie } : {}) };
  }

  /** Brings pools in line with the state; resolves once every new version is warm and routed. */
  reconcile(state: RuntimeState): Promise<void> {
    // Snapshot the maps now: the caller may keep mutating its state while we warm isolates.
    const tenants = new Map(state.tenants);
    const functions = new Map(state.functions);
    // A rollout's new version is warmed like any function, under its own key.
    const rollouts = new Map<string, RolloutState>();
    for (const [id, r] of state.rollouts) {
      const live = functions.get(id);
      if (!live || live.version === r.candidate.version) continue;
      rollouts.set(id, r);
      // Variables and secrets belong to the function, not the version: the live ones apply to both.
      functions.set(rolloutKey(id), { ...r.candidate, vars: live.vars, secrets: live.secrets });
    }
    // Reuses the newest table's compiled domains (the live one may be older while a deploy warms).
    const routes = RouteTable.build(state.domains.values(), state.routes.values(), (id) => functions.get(id)?.tenantId, this.#newestRoutes);
    this.#newestRoutes = routes;
    const revision = state.revision;
    this.#queue = this.#queue.then(async () => {
      await this.#reconcile(tenants, functions, revision);
      this.#routes = routes;
      this.#rollouts = rollouts;
    });
    return this.#queue;
  }

  async #reconcile(tenants: Map<string, TenantState>, functions: Map<string, FunctionState>, revision: number): Promise<void> {
    const fresh: [string, VersionPool][] = [];
    for (const [id, fn] of functions) {
      const tenant = tenants.get(fn.tenantId);
      const limits = tenant?.limits ?? DEFAULT_LIMITS;
      const cur = this.#pools.get(id);
      if (cur && cur.fn.version === fn.version && cur.fn.code === fn.code && sameLimits(cur.limits, limits) && sameVars(cur.fn, fn)) continue;
      const pool = new VersionPool(fn, limits, this.#opts);
      // A new version inherits what the function's requests have shown (light, or a noisy
      // neighbour): redeploying neither costs the inline path nor escapes a penalty.
      if (cur) pool.inheritBehaviour(cur);
      fresh.push([id, pool]);
    }
    // Warm a few at a time: a snapshot of thousands of functions should not start them all at once.
    for (let i = 0; i < fresh.length; i += 8) await Promise.all(fresh.slice(i, i + 8).map(([, p]) => p.warm()));

    const next = new Map(this.#pools);
    const replaced: [VersionPool, VersionPool][] = [];
    for (const [id, pool] of fresh) {
      const old = next.get(id);
      if (old) replaced.push([old, pool]);
      next.set(id, pool);
    }
    for (const [id, pool] of next) {
      if (!functions.has(id)) {
        pool.retire();
        next.delete(id);
        // Versions it had replaced were waiting for its answer, which will not come now.
        for (const [older, w] of this.#retiring) if (w.successor === pool) this.#retiring.set(older, { ...w, since: -Infinity });
      }
    }
    const hosts = new Map<string, string>();
    for (const [id, pool] of next) {
      const t = tenants.get(pool.fn.tenantId);
      if (id !== pool.fn.functionId) continue; // a rollout's second version has no default host
      if (t) hosts.set(`${pool.fn.name.toLowerCase()}.${t.slug.toLowerCase()}`, id);
    }
    this.#pools = next;
    this.#hosts = hosts;
    this.#tenants = tenants;
    this.#tenantBySlug = new Map([...tenants.values()].map((t) => [t.slug.toLowerCase(), t]));
    this.appliedRevision = revision;
    // A replaced version goes once its successor has answered its first request here, or after
    // RETIRE_LATEST_MS; its isolates are then disposed by the reaper in a quiet moment after that.
    // Disposing isolates holds this thread, and the next entry into an isolate after a disposal
    // is slower, however long after (in-process, measured: ~+60 µs for a young isolate, ~+25 µs
    // for a warm one): the first request to a new version should pay for neither. Nor for the
    // retiring itself: done in that request's turn (once, so with cold code and caches) it held
    // the answer ~40 µs, so a timer looks for answered successors instead.
    // In-flight requests of the old version finish either way (retire spares busy ones).
    const now = performance.now();
    for (const [old, successor] of replaced) {
      // Two deploys close together: a version still waiting for `old` to answer waits for
      // `old`'s successor instead, since `old` gets no more requests.
      for (const w of this.#retiring.values()) if (w.successor === old) w.successor = successor;
      this.#retiring.set(old, { successor, since: now });
    }
    if (this.#retiring.size && !this.#retireTimer) this.#retireTimer = setInterval(this.#retireReplaced, RETIRE_CHECK_MS).unref();
  }

  readonly #retireReplaced = (): void => {
    const now = performance.now();
    for (const [old, { successor, since }] of this.#retiring) {
      if (!successor.answered && now - since < this.#retireLatestMs) continue;
      this.#retiring.delete(old);
      old.retire();
    }
    if (this.#retiring.size === 0 && this.#retireTimer) {
      clearInterval(this.#retireTimer);
      this.#retireTimer = null;
    }
  };

  /** Evicts idle isolates (keeping one per version unless `keep` is 0). */
  evictIdle(idleMs: number, keep = 1): number {
    let n = 0;
    for (const p of this.#pools.values()) n += p.evictIdle(idleMs, keep);
    return n;
  }

  /** Disposes idle isolates still burning CPU with no request (see VersionPool.stopRunaways). */
  stopRunaways(): number {
    let n = 0;
    for (const p of this.#pools.values()) n += p.stopRunaways();
    return n;
  }

  /** Pools ordered from least to most recently used (for eviction under a memory budget). */
  poolsByAge(): VersionPool[] {
    return [...this.#pools.values()].sort((a, b) => a.lastUsed - b.lastUsed);
  }

  stats(): EngineStats {
    let isolates = 0;
    let inFlight = 0;
    let heapBytes = 0;
    // Replaced versions (until their successor answers) and isolates waiting for the reaper
    // still hold their memory.
    for (const p of this.#allPools()) {
      isolates += p.instanceCount;
      inFlight += p.inFlight;
      heapBytes += p.heapBytes();
    }
    return { functions: this.#pools.size, isolates: isolates + this.reaper.pending, inFlight, heapBytes: heapBytes + this.reaper.pendingHeapBytes() };
  }

  /** Live versions and the replaced ones not retired yet. */
  #allPools(): VersionPool[] {
    return [...this.#pools.values(), ...this.#retiring.keys()];
  }

  get tenantCount(): number {
    return this.#tenants.size;
  }

  stop(): void {
    for (const p of this.#allPools()) p.dispose();
    this.#pools.clear();
    this.#retiring.clear();
    if (this.#retireTimer) clearInterval(this.#retireTimer);
    this.#retireTimer = null;
    this.reaper.flush();
  }
}

function sameVars(a: FunctionState, b: FunctionState): boolean {
  return JSON.stringify(a.vars) === JSON.stringify(b.vars) && JSON.stringify(a.secrets) === JSON.stringify(b.secrets) && a.sourceMap === b.sourceMap;
}
