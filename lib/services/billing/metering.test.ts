/**
 * Metering end to end, through real parts: the console's services and database, a real runtime node
 * (isolates, HTTP, meter, outbox) syncing and flushing over HTTP. N requests of known CPU cost →
 * usage shows N and exactly the CPU the runtime measured → the invoice lines match. Also: limit
 * and plan changes, suspension and quotas reach the runtime through the change feed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePeriods } from "@/lib/services/billing/close-periods";
import { api, world } from "@/lib/services/functions/test-support";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { until } from "@/lib/services/runtime/test-support";
import { stopChangeListener } from "@/lib/services/runtime/signals";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { POST as CREATE_FN } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { POST as DEPLOY } from "@/app/api/v1/tenants/[tenant]/functions/[function]/deployments/route";
import { PATCH as ADMIN_PATCH } from "@/app/api/v1/admin/tenants/[tenant]/route";
import { POST as SUSPEND } from "@/app/api/v1/admin/tenants/[tenant]/suspend/route";
import { POST as RESUME } from "@/app/api/v1/admin/tenants/[tenant]/resume/route";
import { GET as USAGE } from "@/app/api/v1/tenants/[tenant]/usage/route";
import { GET as INVOICES } from "@/app/api/v1/tenants/[tenant]/invoices/route";
import { LocalLink } from "@/runtime/src/cluster/local-link";
import { loadEnv } from "@/runtime/src/env";
import { RuntimeNode } from "@/runtime/src/node";
import { request } from "@/runtime/test/helpers";
import { startConsoleBridge } from "./console-bridge";

const N = 40;
// Known CPU cost: a fixed amount of arithmetic per request (a few ms of CPU), nothing else.
const BURN = `export default { fetch(req) {
  const n = Number(new URL(req.url).searchParams.get("n") ?? "300000");
  let x = 0; for (let i = 0; i < n; i++) x = (x + i * 7) % 1000003;
  return new Response(String(x));
} };`;

let w: Awaited<ReturnType<typeof world>>;
let admin: string;
let node: RuntimeNode;
let bridge: Awaited<ReturnType<typeof startConsoleBridge>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "billing-runtime-"));
const host = () => `burn.${w.tenant.slug}.edge.localhost`;
/** Requests that reached the function (and so are metered); 403, 404 and 429 answers are not. */
let metered = 0;
async function hit(query = "") {
  const r = await request(node.publicPort, host(), `/${query}`);
  if (![403, 404, 429].includes(r.status)) metered++;
  return r;
}

async function usage() {
  const r = await call(USAGE, { ...w.owner, path: `/api/v1/tenants/${w.tenant.slug}/usage`, params: { tenant: w.tenant.slug } });
  return r.json as { requests: number; cpuMs: number; cpuUs: number; costMinor: number; period: string };
}

/** CPU seconds the runtime itself counted for the tenant (its Prometheus counter). */
async function runtimeCpuUs(): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${node.internalPort}/metrics`).then((r) => r.text());
  const line = text.split("\n").find((l) => l.startsWith("edge_cpu_seconds_total") && l.includes(`tenant="${w.tenant.id}"`));
  return Math.round(Number(line?.split(" ").pop() ?? 0) * 1e6);
}

beforeAll(async () => {
  w = await world();
  admin = await createTokenFor((await createUser({ admin: true })).id);
  await api(CREATE_FN, w.dev, { tenant: w.tenant.slug }, { body: { name: "burn" } });
  const dep = await api(DEPLOY, w.dev, { tenant: w.tenant.slug, function: "burn" }, { body: { code: BURN } });
  expect(dep.status).toBe(201);
  bridge = await startConsoleBridge();
  const env = loadEnv({ RUNTIME_PORT: "0", RUNTIME_INTERNAL_PORT: "0", RUNTIME_HOST: "127.0.0.1", DATA_DIR: dataDir, CONSOLE_URL: bridge.url, RUNTIME_TOKEN: runtimeToken(), RUNTIME_WORKERS: "0", RUNTIME_FLUSH_MS: "150", RUNTIME_HEARTBEAT_MS: "500" });
  node = new RuntimeNode(env, (sink) => new LocalLink(env, sink));
  await node.start();
  await until(async () => (await hit()).status === 200, 20_000, "function served");
});

afterAll(async () => {
  await node?.stop();
  await stopChangeListener();
  await bridge?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("metering through a real runtime", () => {
  it("usage shows exactly the requests served and the CPU the runtime measured; the invoice matches", async () => {
    for (let i = 0; i < N; i++) expect((await hit()).status).toBe(200);
    let seen = 0;
    await until(async () => (seen = (await usage()).requests) === metered, 10_000, `usage to show the ${metered} requests served (shows ${seen})`);
    // Nothing else runs for this tenant now: the runtime's own counter and the usage agree to the µs.
    await node.flush();
    await until(async () => (await usage()).cpuUs === (await runtimeCpuUs()), 5_000, "usage CPU to equal the runtime's");
    const u = await usage();
    expect(u.requests).toBe(metered);
    expect(u.cpuUs).toBe(await runtimeCpuUs());
    expect(u.cpuMs).toBe(u.cpuUs / 1000);
    // Known cost: each request did real work, so the CPU is well above zero and plausible per request.
    expect(u.cpuMs / u.requests).toBeGreaterThan(0.2);
    expect(u.cpuMs / u.requests).toBeLessThan(50);

    const [y, m] = u.period.split("-").map(Number);
    await closePeriods({ now: new Date(Date.UTC(y!, m!, 2)) });
    const inv = await call(INVOICES, { ...w.owner, params: { tenant: w.tenant.slug } });
    const invoice = (inv.json.invoices as { period: string; requests: number; cpuMs: number; totalMinor: number; lines: { kind: string; quantity: number }[] }[]).find((i) => i.period === u.period)!;
    expect(invoice).toMatchObject({ requests: u.requests, cpuMs: u.cpuMs, totalMinor: u.costMinor });
    expect(invoice.lines.find((l) => l.kind === "requests")?.quantity).toBe(u.requests);
    expect(invoice.lines.find((l) => l.kind === "cpu")?.quantity).toBe(u.cpuMs);
  });

  it("a limit change reaches the runtime through the change feed and applies to the next request", async () => {
    // 1,000,000 iterations cost a few ms of CPU: well under the plan's 50 ms, well over 1 ms.
    expect((await hit("?n=1000000")).status).toBe(200);
    await call(ADMIN_PATCH, { token: admin, method: "PATCH", params: { tenant: w.tenant.slug }, body: { limits: { cpuMsPerRequest: 1 } } });
    await until(async () => (await hit("?n=1000000")).status === 503, 5_000, "the 1 ms CPU limit");
    const r = await hit("?n=1000000");
    expect(JSON.parse(r.body)).toMatchObject({ error: "cpu_limit_exceeded", limit_ms: 1 });
    await call(ADMIN_PATCH, { token: admin, method: "PATCH", params: { tenant: w.tenant.slug }, body: { limits: {} } });
    await until(async () => (await hit("?n=1000000")).status === 200, 5_000, "the plan's limit again");
  });

  it("suspension answers 403 with a clear body within a second; resume restores", async () => {
    await call(SUSPEND, { token: admin, method: "POST", params: { tenant: w.tenant.slug } });
    await until(async () => (await hit()).status === 403, 1_000, "403 within a second");
    const body = JSON.parse((await hit()).body) as { error: string; message: string };
    expect(body).toMatchObject({ error: "tenant_suspended", message: expect.stringMatching(/suspended/) });
    await call(RESUME, { token: admin, method: "POST", params: { tenant: w.tenant.slug } });
    await until(async () => (await hit()).status === 200, 1_000, "200 after resume");
  });

  it("a Free tenant past its included requests gets 429 naming the quota", async () => {
    // Everything served so far must be counted first, or a late flush would use up the allowance.
    await node.flush();
    await until(async () => (await usage()).requests === metered, 10_000, "usage to catch up");
    const used = metered;
    await call(ADMIN_PATCH, { token: admin, method: "PATCH", params: { tenant: w.tenant.slug }, body: { plan: "free", limits: { includedRequests: used + 3 } } });
    for (let i = 0; i < 3; i++) expect((await hit()).status).toBe(200);
    await node.flush();
    await until(async () => (await hit()).status === 429, 5_000, "429 once the flush shows the quota used up");
    const body = JSON.parse((await hit()).body) as { error: string; quota: string; message: string };
    expect(body).toMatchObject({ error: "quota_exceeded", quota: "included_requests", message: expect.stringMatching(/request quota used up/) });
    // Refused requests are not metered, so raising the allowance unblocks at once.
    await call(ADMIN_PATCH, { token: admin, method: "PATCH", params: { tenant: w.tenant.slug }, body: { limits: { includedRequests: used + 1000 } } });
    await until(async () => (await hit()).status === 200, 5_000, "served again");
  });
});
