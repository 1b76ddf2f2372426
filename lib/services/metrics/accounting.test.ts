/**
 * Exact accounting through real processes: a runtime node (primary + 2 workers) serves a logging
 * function under paced load while one worker and then the primary are SIGKILLed and the node is
 * started again. The chart totals must equal the load generator's count of responses, by status
 * class, and every response's log line must be stored once. `npm run bench:accounting` runs the
 * same at the rate against the full console.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, like, notLike } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, world } from "@/lib/services/functions/test-support";
import { serveRuntimeApi } from "@/lib/services/metrics/test-support";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { until } from "@/lib/services/runtime/test-support";
import { RuntimeProcess, startLoad } from "@/runtime/test/accounting";
import { request } from "@/runtime/test/helpers";
import { POST as CREATE } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { POST as DEPLOY } from "@/app/api/v1/tenants/[tenant]/functions/[function]/deployments/route";
import { GET as METRICS } from "@/app/api/v1/tenants/[tenant]/functions/[function]/metrics/route";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-accounting-"));
let w: Awaited<ReturnType<typeof world>>;
let fnId = "";
let console_: Awaited<ReturnType<typeof serveRuntimeApi>>;
let node: RuntimeProcess;

beforeAll(async () => {
  w = await world();
  fnId = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "counted" } })).json.id as string;
  const code = `export default { fetch(req) { console.log("served " + new URL(req.url).pathname); return new Response("ok") } }`;
  expect((await api(DEPLOY, w.dev, { tenant: w.tenant.slug, function: "counted" }, { method: "POST", body: { code } })).status).toBe(201);
  console_ = await serveRuntimeApi();
  node = new RuntimeProcess({ consoleUrl: console_.url, token: runtimeToken(), dataDir, workers: 2, flushMs: 300 });
  await node.start();
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await console_?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function chartTotals() {
  const r = await api(METRICS, w.viewer, { tenant: w.tenant.slug, function: "counted" }, { query: "range=1h" });
  const body = r.json as { totals: { requests: number }; series: { status2xx: number; status4xx: number; status5xx: number }[] };
  const sum = (k: "status2xx" | "status4xx" | "status5xx") => body.series.reduce((a, p) => a + p[k], 0);
  return { requests: body.totals.requests, "2xx": sum("status2xx"), "4xx": sum("status4xx"), "5xx": sum("status5xx") };
}

/** The function's own console.log lines of answered 200s (one each), and any other lines (limits, platform errors). */
async function storedLogLines() {
  const db = await getDb();
  const l = schema.functionLogs;
  // Lines of answered 200s: a request stopped by a limit (5xx under load) may have logged too.
  const [row] = await db.select({ n: count() }).from(l).where(and(eq(l.functionId, fnId), like(l.message, "served %"), eq(l.status, 200)));
  const others = await db.select({ message: l.message, status: l.status }).from(l).where(and(eq(l.functionId, fnId), notLike(l.message, "served %")));
  return { served: row?.n ?? 0, others };
}

describe("accounting under kills", () => {
  it("counts every answered request exactly once when a worker and then the primary are SIGKILLed", async () => {
    const host = `counted.${w.tenant.slug}.edge.localhost`;
    await until(async () => (await request(node.port, host).catch(() => null))?.status === 200, 30_000, "function served");
    const warm = 1; // the request above
    const load = startLoad({ port: () => node.port, host, rate: 400, connections: 8 });
    const served = (n: number) => until(() => load.counts.responses >= n, 20_000, `${n} responses`);

    await served(load.counts.responses + 300);
    const killedWorker = await node.killWorker();
    await served(load.counts.responses + 300);
    await node.killPrimary();
    const atKill = load.counts.responses;
    const down = performance.now();
    await node.start();
    await served(atKill + 1);
    const restartMs = performance.now() - down;
    await served(atKill + 300);
    const counts = await load.stop();
    expect(killedWorker).toBeGreaterThan(0);
    expect(counts.failures).toBeGreaterThan(0); // the kills were felt by the load generator

    const expected = counts.responses + warm;
    const t = performance.now();
    await until(async () => (await chartTotals()).requests >= expected, 20_000, "chart catches up").catch(async (e: Error) => {
      const journal = fs.readdirSync(path.join(dataDir, "runtime", "journal"));
      throw new Error(`${e.message}: expected ${expected}, chart ${JSON.stringify(await chartTotals())}, node ${JSON.stringify(await node.status())}, journal ${journal.join(" ")}`);
    });
    // Everything the node still holds reached the console, and a little later nothing more arrived.
    await until(async () => (await node.status())?.outboxPending === 0, 10_000, "outbox drained");
    await new Promise((r) => setTimeout(r, 1000));
    const totals = await chartTotals();
    console.log(`accounting: load ${Math.round(load.elapsedMs())} ms, chart complete ${Math.round(performance.now() - t)} ms after; ${counts.responses} responses (+${warm} warm-up), ${counts.failures} failed connections, restart answered after ${Math.round(restartMs)} ms, chart ${JSON.stringify(totals)}`);
    expect(totals).toEqual({ requests: expected, "2xx": counts.byClass["2xx"] + warm, "4xx": counts.byClass["4xx"], "5xx": counts.byClass["5xx"] });
    const logs = await storedLogLines();
    if (logs.others.length) console.log(`accounting: other log lines ${JSON.stringify(logs.others)}`);
    expect(logs.served).toBe(counts.byClass["2xx"] + warm);
  }, 120_000);
});
