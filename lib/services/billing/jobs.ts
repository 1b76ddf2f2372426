import { withTransaction } from "@/lib/services/context";
import { applyLogRetention } from "@/lib/services/plans/apply-log-retention";
import { refreshQuotas } from "@/lib/services/usage/quota";
import { closePeriods } from "./close-periods";

const g = globalThis as unknown as { __edgefnBillingTimer?: NodeJS.Timeout };

/**
 * One pass of the billing housekeeping: close finished periods into invoices, lift quota blocks
 * that a new period (or a raised allowance) ended, and drop logs past each plan's retention.
 */
export async function runBillingJobs(now = new Date()): Promise<{ invoices: number; unblocked: number; logsDeleted: number }> {
  const { created } = await closePeriods({ now });
  const unblocked = await withTransaction((tx) => refreshQuotas(tx, "blocked", now));
  const logsDeleted = await applyLogRetention(now);
  return { invoices: created, unblocked, logsDeleted };
}

/** Runs the jobs at start and then every `everyMs` (one timer per process). */
export function startBillingJobs(everyMs = 60_000): void {
  if (g.__edgefnBillingTimer) return;
  const tick = () => runBillingJobs().catch((err) => console.error("billing jobs failed", err));
  void tick();
  g.__edgefnBillingTimer = setInterval(tick, everyMs);
  g.__edgefnBillingTimer.unref();
}

export function stopBillingJobs(): void {
  clearInterval(g.__edgefnBillingTimer);
  g.__edgefnBillingTimer = undefined;
}
