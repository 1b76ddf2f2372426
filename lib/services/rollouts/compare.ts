import { and, eq, gte, inArray } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/lib/db";
import { quantile } from "@/lib/services/metrics/percentile";
import { BUCKET_COUNT } from "@/runtime/src/protocol";

export type RolloutRow = typeof schema.rollouts.$inferSelect;

export type VersionStats = {
  version: number;
  requests: number;
  /** 5xx answers (uncaught exceptions and limits included). */
  errors: number;
  /** Percent of requests, null with no traffic yet. */
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
};

/** Fewer requests than this on the new version never trigger an automatic abort. */
export const MIN_REQUESTS_FOR_ABORT = 20;

/** Both versions' error rate and latency since the rollout started, from the metrics rollups. */
export async function compareVersions(q: Db | Tx, r: RolloutRow): Promise<{ base: VersionStats; candidate: VersionStats }> {
  const ru = schema.invocationRollups;
  const since = new Date(Math.floor(r.startedAt.getTime() / 60_000) * 60_000);
  const rows = await q
    .select({ version: ru.version, requests: ru.requests, status5xx: ru.status5xx, hist: ru.latencyHist })
    .from(ru)
    .where(and(eq(ru.tenantId, r.tenantId), eq(ru.functionId, r.functionId), inArray(ru.version, [r.baseVersion, r.version]), gte(ru.minute, since)));
  const stats = (version: number): VersionStats => {
    const mine = rows.filter((x) => x.version === version);
    const hist = new Array<number>(BUCKET_COUNT).fill(0);
    let requests = 0;
    let errors = 0;
    for (const x of mine) {
      requests += x.requests;
      errors += x.status5xx;
      x.hist.forEach((n, i) => (hist[i] = (hist[i] ?? 0) + n));
    }
    return { version, requests, errors, errorRate: requests ? (100 * errors) / requests : null, p50: quantile(hist, 0.5), p95: quantile(hist, 0.95) };
  };
  return { base: stats(r.baseVersion), candidate: stats(r.version) };
}

/** Should the guard abort this rollout? Returns the reason, or null. */
export function abortReason(r: RolloutRow, s: { base: VersionStats; candidate: VersionStats }): string | null {
  if (r.abortOnErrorRate === null || s.candidate.requests < MIN_REQUESTS_FOR_ABORT) return null;
  const diff = (s.candidate.errorRate ?? 0) - (s.base.errorRate ?? 0);
  if (diff <= r.abortOnErrorRate) return null;
  return `Version ${r.version} failed ${s.candidate.errorRate!.toFixed(1)}% of requests against ${(s.base.errorRate ?? 0).toFixed(1)}% for version ${r.baseVersion} (threshold ${r.abortOnErrorRate} points).`;
}
