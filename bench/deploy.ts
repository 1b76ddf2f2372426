/**
 * `npm run bench:deploy`: deploy-to-live through the real console REST API and the real runtime
 * (`node scripts/start.ts` on free loopback ports, one runtime worker, a fresh data directory).
 * For each deploy: how long the REST call took, the `liveMs` it reported, and the time from the
 * call to the first response carrying the new code. Baseline in the same run: a no-op
 * authenticated REST call (GET /api/v1/me) and a warm request to the runtime.
 */
import http from "node:http";
import { startConsole } from "./console-server.ts";
import { percentile } from "./stats.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

/** GET with an explicit Host header (fetch() does not let us set one). */
function hit(port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", headers: { host }, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

const ms = (t0: number) => performance.now() - t0;

const { api, runtimePort, headers, stop } = await startConsole("deploy");
await fetch(`${api}/api/v1/tenants/demo/functions`, { method: "POST", headers, body: JSON.stringify({ name: "bench" }) });

const noop: number[] = [];
const warm: number[] = [];
const call: number[] = [];
const reported: number[] = [];
const live: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  let t0 = performance.now();
  await fetch(`${api}/api/v1/me`, { headers });
  noop.push(ms(t0));
  if (i > 0) {
    t0 = performance.now();
    await hit(runtimePort, "bench.demo.edge.localhost");
    warm.push(ms(t0));
  }
  const code = `export default { fetch() { return new Response("v${i}"); } };`;
  t0 = performance.now();
  const res = await fetch(`${api}/api/v1/tenants/demo/functions/bench/deployments`, { method: "POST", headers, body: JSON.stringify({ code, message: `bench ${i}` }) });
  const body = (await res.json()) as { liveMs: number | null };
  call.push(ms(t0));
  if (body.liveMs !== null) reported.push(body.liveMs);
  while ((await hit(runtimePort, "bench.demo.edge.localhost")) !== `v${i}`) {
    if (ms(t0) > 10_000) throw new Error(`deploy ${i} not live after 10 s`);
  }
  live.push(ms(t0));
}

const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${percentile(xs, 0.5).toFixed(1)} | ${percentile(xs, 0.9).toFixed(1)} |`;
console.log(`\nDeploy to live through the REST API, ${ROUNDS} deploys, 1 runtime node (1 worker), loopback\n`);
console.log("| measurement | n | p50 ms | p90 ms |\n|---|---:|---:|---:|");
console.log(row("baseline: GET /api/v1/me", noop));
console.log(row("baseline: warm runtime request", warm));
console.log(row("POST …/deployments (returns when nodes applied)", call));
console.log(row("liveMs reported by the API", reported));
console.log(row("call → first response with the new code", live));
console.log(`\ntarget: deploy-to-live p50 ≤ 50 ms → ${percentile(live, 0.5) <= 50 ? "met" : "NOT met"}`);
await stop();
process.exit(0);
