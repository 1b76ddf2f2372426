/**
 * The load generator of `npm run bench:runtime`, run as its own process so that it never shares
 * an event loop with the servers or the bench's own bookkeeping. Usage:
 *   node bench/load.ts '{"url":"http://127.0.0.1:8080/","connections":50,"duration":8,"host":"..."}'
 * Prints one JSON line: requests/s, p50/p99 latency (ms), errors, status counts and the CPU this
 * process used (so the table can say what the load generator itself cost on a 2-core machine).
 * The percentiles are taken from every 2xx response's own time (autocannon's 'response' event,
 * from process.hrtime), not from autocannon's histogram, which keeps whole milliseconds: a p99 of
 * "4 ms" against "3 ms" there could be 3.9 against 3.1 ms, or 4.0 against 3.9 (stop 21).
 */
import autocannon from "autocannon";

interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  host?: string;
  /** Requests per second across all connections; without it, as fast as the server answers. */
  rate?: number;
}

const opts = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let times = new Float64Array(1 << 16);
let count = 0;
const r = await new Promise<autocannon.Result>((resolve, reject) => {
  const run = autocannon({ url: opts.url, connections: opts.connections, duration: opts.duration, headers: opts.host ? { host: opts.host } : {}, ...(opts.rate ? { overallRate: opts.rate } : {}) }, (err: unknown, result: autocannon.Result) =>
    err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
  );
  run.on("response", (_client, status, _bytes, ms) => {
    if (status < 200 || status > 299) return;
    if (count === times.length) {
      const grown = new Float64Array(count * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = ms;
  });
});
const sorted = times.subarray(0, count).sort();
/** The q-quantile of the 2xx response times (nearest rank), in ms to 0.01. */
const quantile = (q: number): number => (count ? Math.round(sorted[Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1))]! * 100) / 100 : 0);
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
console.log(
  JSON.stringify({
    rps: r.requests.average,
    p50: quantile(0.5),
    p99: quantile(0.99),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats as Record<string, { count: number }>).map(([k, v]) => [k, v.count])),
    // Fraction of one core the generator used while it ran.
    cpuCores: (cpu.user + cpu.system) / 1000 / wallMs,
  }),
);
