/**
 * Route lookup cost at 10,000 routes (used by `npm run bench:runtime`): the compiled table against a
 * bare Map.get of the host measured in the same run. Three shapes: routes spread over 1,000 hosts,
 * all 10,000 on one host, and requests that fall through to a wildcard.
 */
import type { DomainState, RouteState } from "../protocol/index.ts";
import { median } from "../../../bench/stats.ts";
import { RouteTable } from "./table.ts";

const N = 10_000;

function build(hosts: number): { table: RouteTable; requests: [string, string][]; domains: DomainState[]; routes: RouteState[] } {
  const domains: DomainState[] = [];
  const routes: RouteState[] = [];
  for (let h = 0; h < hosts; h++) domains.push({ domainId: `d${h}`, tenantId: "t", hostname: `shop${h}.example.com`, verified: true });
  domains.push({ domainId: "wild", tenantId: "t", hostname: "*.example.org", verified: true });
  routes.push({ routeId: "w", tenantId: "t", domainId: "wild", functionId: "f", pattern: "/*", methods: null, priority: 0 });
  const shapes = [(i: number) => `/api/v${i}/*`, (i: number) => `/users${i}/:id`, (i: number) => `/static${i}/app.js`, (i: number) => `/items${i}/:id/reviews/:rid`];
  for (let i = 0; i < N; i++) {
    routes.push({ routeId: `r${i}`, tenantId: "t", domainId: `d${i % hosts}`, functionId: `f${i % 50}`, pattern: shapes[i % 4]!(i), methods: i % 7 === 0 ? ["GET"] : null, priority: i % 3 });
  }
  const requests: [string, string][] = [];
  for (let i = 0; i < 4096; i++) {
    const r = (i * 7919) % N;
    const paths = [`/api/v${r}/cart/42`, `/users${r}/alice`, `/static${r}/app.js`, `/items${r}/9/reviews/3`];
    requests.push([`shop${r % hosts}.example.com`, paths[r % 4]!]);
  }
  return { table: RouteTable.build(domains, routes), requests, domains, routes };
}

function time(requests: [string, string][], fn: (host: string, path: string) => unknown): number {
  const rounds = 50;
  let sink = 0;
  for (let w = 0; w < 5; w++) for (const [h, p] of requests) sink += fn(h, p) ? 1 : 0;
  // CPU time of this process, not wall time: on a shared machine the wall clock also counts the
  // time other processes held the core.
  const c0 = process.cpuUsage();
  for (let k = 0; k < rounds; k++) for (const [h, p] of requests) sink += fn(h, p) ? 1 : 0;
  const c = process.cpuUsage(c0);
  if (sink < 0) throw new Error("unreachable");
  return (c.user + c.system) / (rounds * requests.length);
}

/** Mean CPU µs per lookup for each shape, with the Map.get baseline. */
export function routeLookupBench(): { name: string; us: number }[] {
  const spread = build(1000);
  const single = build(1);
  const hostMap = new Map(spread.requests.map(([h]) => [h, h]));
  const miss = spread.requests.map(([, p], i) => [`tenant${i}.example.org`, p] as [string, string]);
  for (const [h, p] of [...spread.requests.slice(0, 100), ...single.requests.slice(0, 100)]) {
    const tbl = h.startsWith("shop0.") && single.requests.some((r) => r[0] === h) ? single.table : spread.table;
    if (!tbl.match(h, "GET", p).ok) throw new Error(`bench route did not match: ${h}${p}`);
  }
  return [
    { name: "baseline: Map.get(host)", us: time(spread.requests, (h) => hostMap.get(h.toLowerCase())) },
    { name: "10,000 routes on 1,000 hosts", us: time(spread.requests, (h, p) => spread.table.match(h, "GET", p)) },
    { name: "10,000 routes on one host", us: time(single.requests, (h, p) => single.table.match(h, "GET", p)) },
    { name: "wildcard fallback (*.example.org)", us: time(miss, (h, p) => spread.table.match(h, "GET", p)) },
  ];
}

/**
 * CPU ms to rebuild the table at 10,000 routes on 1,000 hosts after one route changed (what every
 * configuration change costs each worker's event loop): from scratch (the baseline, as before
 * stop 22) and reusing the previous table's unchanged domains. Medians of 15 rebuilds each.
 */
export function routeRebuildBench(): { full: number; incremental: number } {
  const { domains, routes } = build(1000);
  const cpuMs = (fn: () => void): number => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let table = RouteTable.build(domains, routes);
  const full: number[] = [];
  const incremental: number[] = [];
  for (let k = 0; k < 15; k++) {
    const i = (k * 7919) % routes.length;
    routes[i] = { ...routes[i]!, priority: routes[i]!.priority + 1 };
    full.push(cpuMs(() => RouteTable.build(domains, routes)));
    incremental.push(cpuMs(() => (table = RouteTable.build(domains, routes, undefined, table))));
  }
  if (table.size !== RouteTable.build(domains, routes).size) throw new Error("incremental rebuild lost routes");
  return { full: median(full), incremental: median(incremental) };
}

if (import.meta.main) {
  for (const r of routeLookupBench()) console.log(`${r.name}: ${r.us.toFixed(3)} µs`);
  const r = routeRebuildBench();
  console.log(`rebuild after one change: from scratch ${r.full.toFixed(2)} ms, reusing unchanged domains ${r.incremental.toFixed(2)} ms`);
}
