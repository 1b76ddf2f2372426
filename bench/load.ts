/**
 * The load generator of `npm run bench:runtime`, run as its own process so that it never shares
 * an event loop with the servers or the bench's own bookkeeping. Usage:
 *   node bench/load.ts '{"url":"http://127.0.0.1:8080/","connections":50,"duration":8,"host":"..."}'
 * Prints one JSON line: requests/s, p50/p99 latency (ms), errors, status counts and the CPU this
 * process used (so the table can say what the load generator itself cost on a 2-core machine).
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
const r = await autocannon({ url: opts.url, connections: opts.connections, duration: opts.duration, headers: opts.host ? { host: opts.host } : {}, ...(opts.rate ? { overallRate: opts.rate } : {}) });
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
console.log(
  JSON.stringify({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats as Record<string, { count: number }>).map(([k, v]) => [k, v.count])),
    // Fraction of one core the generator used while it ran.
    cpuCores: (cpu.user + cpu.system) / 1000 / wallMs,
  }),
);
