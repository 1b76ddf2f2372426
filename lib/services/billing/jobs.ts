import { withTransaction } from "@/lib/services/context";
import { refreshQuotas } from "@/lib/services/usage/quota";
import { closePeriods } from "./close-periods";

const g = globalThis as unknown as { __edgefnBillingTimer?: NodeJS.Timeout };

/**
 * One pass of the billing housekeeping: close finished periods into invoices, and lift quota
 * blocks that a new period (or a raised allowance) ended. (Log retention per plan is applied by
 * the observability jobs, lib/services/logs/purge-logs.ts.)
 */
export async function runBillingJobs(now = new Date()): Promise<{ invoices: number; unblocked: number }> {
  const { created } = await closePeriods({ now });
  const unblocked = await withTransaction((tx) => refreshQuotas(tx, "blocked", now));
  return { invoices: created, unblocked };
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
