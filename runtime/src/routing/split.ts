/**
 * Gradual rollouts: which of a function's two versions answers a request. A client that carries a
 * sticky key (the tenant's cookie or header, or the runtime's own cookie) is hashed into one of
 * 10,000 buckets, so it always lands on the same side, and raising the percentage only moves
 * clients from the old version to the new one, never back.
 */
import crypto from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { RolloutState } from "../protocol/index.ts";

/** The runtime's own sticky cookie, set when a rollout has no tenant-named key. */
export const STICKY_COOKIE = "efn_sticky";
const BUCKETS = 10_000;
const COOKIE_MAX_AGE = 30 * 24 * 3600;

export interface SplitChoice {
  candidate: boolean;
  /** A Set-Cookie value to send when the runtime issued the client its sticky id. */
  setCookie?: string;
}

/** FNV-1a, 32 bit: cheap and well spread for short keys. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reads one cookie from a Cookie header without parsing the rest. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Is this key on the new version's side at `percent`? Stable for a key and a function. */
export function inCandidateBucket(functionId: string, key: string, percent: number): boolean {
  return hash(`${functionId}:${key}`) % BUCKETS < Math.round(percent * (BUCKETS / 100));
}

/** Chooses the side for one request. */
export function chooseSide(rollout: RolloutState, headers: IncomingHttpHeaders, random: () => number = Math.random): SplitChoice {
  if (rollout.percent <= 0) return { candidate: false };
  if (rollout.percent >= 100) return { candidate: true };
  const { kind, name } = rollout.sticky;
  let key: string | undefined;
  let setCookie: string | undefined;
  if (kind === "header" && name) {
    const v = headers[name.toLowerCase()];
    key = Array.isArray(v) ? v[0] : v;
  } else {
    key = readCookie(headers.cookie, name ?? STICKY_COOKIE);
    if (!key && !name) {
      key = crypto.randomUUID();
      setCookie = `${STICKY_COOKIE}=${key}; Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax`;
    }
  }
  // No key (the tenant's cookie or header is absent): not sticky, split at random.
  const candidate = key ? inCandidateBucket(rollout.functionId, key, rollout.percent) : random() * 100 < rollout.percent;
  return setCookie ? { candidate, setCookie } : { candidate };
}
