/**
 * The configuration a runtime serves: tenants and live function versions at a revision. Changes
 * are applied in revision order by one pure reducer used by the primary and every worker alike.
 */
import type { Change, DomainState, FunctionState, RolloutState, RouteState, Snapshot, TenantState } from "../protocol/index.ts";
import { PROTOCOL_VERSION } from "../protocol/index.ts";

export interface RuntimeState {
  revision: number;
  tenants: Map<string, TenantState>;
  /** Keyed by functionId. */
  functions: Map<string, FunctionState>;
  /** Keyed by domainId. */
  domains: Map<string, DomainState>;
  /** Keyed by routeId. */
  routes: Map<string, RouteState>;
  /** Keyed by functionId. */
  rollouts: Map<string, RolloutState>;
}

export function emptyState(): RuntimeState {
  return { revision: 0, tenants: new Map(), functions: new Map(), domains: new Map(), routes: new Map(), rollouts: new Map() };
}

export function stateFromSnapshot(s: Snapshot): RuntimeState {
  return {
    revision: s.revision,
    tenants: new Map(s.tenants.map((t) => [t.tenantId, t])),
    functions: new Map(s.functions.map((f) => [f.functionId, f])),
    domains: new Map(s.domains.map((d) => [d.domainId, d])),
    routes: new Map(s.routes.map((r) => [r.routeId, r])),
    rollouts: new Map(s.rollouts.map((r) => [r.functionId, r])),
  };
}

export function snapshotOf(state: RuntimeState): Snapshot {
  return {
    protocol: PROTOCOL_VERSION,
    revision: state.revision,
    tenants: [...state.tenants.values()],
    functions: [...state.functions.values()],
    domains: [...state.domains.values()],
    routes: [...state.routes.values()],
    rollouts: [...state.rollouts.values()],
  };
}

/** Applies changes newer than the state's revision, in revision order; older ones are skipped. */
export function applyChanges(state: RuntimeState, changes: Change[], revision?: number): RuntimeState {
  const sorted = [...changes].sort((a, b) => a.revision - b.revision);
  for (const c of sorted) {
    if (c.revision <= state.revision) continue;
    switch (c.kind) {
      case "tenant.upserted":
        state.tenants.set(c.tenant.tenantId, c.tenant);
        break;
      case "tenant.deleted":
        state.tenants.delete(c.tenantId);
        for (const [id, f] of state.functions) if (f.tenantId === c.tenantId) state.functions.delete(id);
        for (const m of [state.domains, state.routes, state.rollouts] as Map<string, { tenantId: string }>[]) {
          for (const [id, x] of m) if (x.tenantId === c.tenantId) m.delete(id);
        }
        break;
      case "function.deployed":
        state.functions.set(c.function.functionId, c.function);
        break;
      case "function.deleted":
        state.functions.delete(c.functionId);
        state.rollouts.delete(c.functionId);
        for (const [id, r] of state.routes) if (r.functionId === c.functionId) state.routes.delete(id);
        break;
      case "domain.upserted":
        state.domains.set(c.domain.domainId, c.domain);
        break;
      case "domain.deleted":
        state.domains.delete(c.domainId);
        for (const [id, r] of state.routes) if (r.domainId === c.domainId) state.routes.delete(id);
        break;
      case "route.upserted":
        state.routes.set(c.route.routeId, c.route);
        break;
      case "route.deleted":
        state.routes.delete(c.routeId);
        break;
      case "rollout.set":
        state.rollouts.set(c.rollout.functionId, c.rollout);
        break;
      case "rollout.cleared":
        state.rollouts.delete(c.functionId);
        break;
    }
    state.revision = c.revision;
  }
  if (revision !== undefined && revision > state.revision) state.revision = revision;
  return state;
}

/** Splits "<function>.<tenant>.<base>" (port ignored, case-insensitive); null when it does not match. */
export function parseHost(host: string | undefined, baseDomain: string): { fn: string; tenant: string } | null {
  if (!host) return null;
  const name = host.replace(/:\d+$/, "").replace(/\.$/, "").toLowerCase();
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!name.endsWith(suffix)) return null;
  const parts = name.slice(0, -suffix.length).split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { fn: parts[0], tenant: parts[1] };
}
