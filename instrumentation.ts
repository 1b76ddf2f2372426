// Runs once when the Next.js server starts: migrate the database and seed the first admin, so the
// first request never waits for it and the credentials are printed at start.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/lib/db");
  const { seed } = await import("@/lib/seed");
  await getDb();
  await seed();
  // The runtime-facing API on its own plain listener, when asked (npm start does).
  const { env } = await import("@/lib/env");
  const { CONSOLE_INTERNAL_PORT: port, CONSOLE_INTERNAL_HOST: host } = env();
  if (port !== undefined) {
    const { startInternalServer } = await import("@/lib/http/internal-server");
    await startInternalServer(port, host);
  }
  // Close finished billing periods into invoices now and every minute (idempotent).
  const { startBillingJobs } = await import("@/lib/services/billing/jobs");
  startBillingJobs();
  // Log retention and minute → hour rollup compaction, now and every 10 minutes.
  const { startObservabilityJobs } = await import("@/lib/services/metrics/jobs");
  startObservabilityJobs();
}
