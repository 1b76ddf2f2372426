import { purgeLogs } from "@/lib/services/logs/purge-logs";
import { compactChanges } from "@/lib/services/runtime/compact-changes";
import { compactRollups } from "./compact-rollups";

const g = globalThis as unknown as { __edgefnObservabilityTimer?: NodeJS.Timeout };

/**
 * One pass of housekeeping: log retention, minute → hour compaction, and the runtime change
 * feed's old rows (see compactChanges).
 */
export async function runObservabilityJobs(now = new Date()) {
  const purged = await purgeLogs(now);
  const compacted = await compactRollups(now);
  const feed = await compactChanges({ now });
  return { ...purged, ...compacted, ...feed };
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
