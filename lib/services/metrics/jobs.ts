import { purgeLogs } from "@/lib/services/logs/purge-logs";
import { compactRollups } from "./compact-rollups";

const g = globalThis as unknown as { __edgefnObservabilityTimer?: NodeJS.Timeout };

/** One pass of observability housekeeping: log retention, then minute → hour compaction. */
export async function runObservabilityJobs(now = new Date()) {
  const purged = await purgeLogs(now);
  const compacted = await compactRollups(now);
  return { ...purged, ...compacted };
}

/** Runs the jobs at start and then every `everyMs` (one timer per process). */
export function startObservabilityJobs(everyMs = 10 * 60_000): void {
  if (g.__edgefnObservabilityTimer) return;
  const tick = () => runObservabilityJobs().catch((err) => console.error("observability jobs failed", err));
  void tick();
  g.__edgefnObservabilityTimer = setInterval(tick, everyMs);
  g.__edgefnObservabilityTimer.unref();
}

export function stopObservabilityJobs(): void {
  clearInterval(g.__edgefnObservabilityTimer);
  g.__edgefnObservabilityTimer = undefined;
}
