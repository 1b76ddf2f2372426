/**
 * A viewer of tenant A never sees tenant B's logs or metrics: not through B's URLs (404, as if
 * they did not exist), not through A's URLs when both tenants have a function of the same name,
 * not through a search for B's text, and not through A's live tail while B's lines arrive.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushLogs, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { withDeadline } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { GET as ADMIN_OVERVIEW } from "@/app/api/v1/admin/overview/route";
import { POST as CREATE } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { GET as LOGS } from "@/app/api/v1/tenants/[tenant]/functions/[function]/logs/route";
import { GET as STREAM } from "@/app/api/v1/tenants/[tenant]/functions/[function]/logs/stream/route";
import { GET as FN_METRICS } from "@/app/api/v1/tenants/[tenant]/functions/[function]/metrics/route";
import { GET as TENANT_METRICS } from "@/app/api/v1/tenants/[tenant]/metrics/route";

let w: Awaited<ReturnType<typeof world>>;
const fnIds = { a: "", b: "" };
const line = (tenantId: string, functionId: string, message: string) => ({ tenantId, functionId, version: 1, requestId: `r-${message}`, at: new Date().toISOString(), level: "log" as const, message, status: 200, details: null });

beforeAll(async () => {
  w = await world();
  // The same function name in both tenants: only the tenant in the URL (and the caller's membership) tells them apart.
  fnIds.a = (await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "shared" } })).json.id as string;
  fnIds.b = (await api(CREATE, w.outsider, { tenant: w.otherTenant.slug }, { body: { name: "shared" } })).json.id as string;
  await pushLogs([line(w.tenant.id, fnIds.a, "a-visible"), line(w.otherTenant.id, fnIds.b, "b-private")]);
  const minute = minuteAgo(2);
  await pushRollups([
    rollup({ tenantId: w.tenant.id, functionId: fnIds.a, minute, requests: 7, status2xx: 7 }),
    rollup({ tenantId: w.otherTenant.id, functionId: fnIds.b, minute, requests: 1000, status5xx: 1000, errors: 1000 }),
  ]);
});

const viewerOfA = () => ({ token: w.viewer.token! });
const fnRoute = (handler: Parameters<typeof call>[0], tenant: string, query = "") =>
  call(handler, { path: `/api/v1/tenants/${tenant}/functions/shared/x${query}`, params: { tenant, function: "shared" }, token: viewerOfA().token });

describe("tenant isolation of logs and metrics", () => {
  it("answers 404 for every logs and metrics URL of another tenant", async () => {
    for (const handler of [LOGS, FN_METRICS, STREAM]) expect((await fnRoute(handler, w.otherTenant.slug)).status).toBe(404);
    const tenantMetrics = await call(TENANT_METRICS, { path: `/api/v1/tenants/${w.otherTenant.slug}/metrics`, params: { tenant: w.otherTenant.slug }, token: viewerOfA().token });
    expect(tenantMetrics.status).toBe(404);
    expect(JSON.stringify(tenantMetrics.json)).not.toContain("1000");
    expect((await call(ADMIN_OVERVIEW, { path: "/api/v1/admin/overview", token: viewerOfA().token })).status).toBe(403);
  });

  it("shows only the caller's tenant under a function name both tenants use, searched or not", async () => {
    const logs = await fnRoute(LOGS, w.tenant.slug);
    expect((logs.json.logs as { message: string }[]).map((l) => l.message)).toEqual(["a-visible"]);
    const searched = await fnRoute(LOGS, w.tenant.slug, "?q=b-private");
    expect(searched.json.logs).toEqual([]);
    const fnMetrics = await fnRoute(FN_METRICS, w.tenant.slug, "?range=1h");
    expect(fnMetrics.json.totals).toMatchObject({ requests: 7, errors: 0 });
    const tenantMetrics = await call(TENANT_METRICS, { path: `/api/v1/tenants/${w.tenant.slug}/metrics?range=1h`, params: { tenant: w.tenant.slug }, token: viewerOfA().token });
    expect(tenantMetrics.json.totals).toMatchObject({ requests: 7, errors: 0 });
    expect((tenantMetrics.json.functions as { functionId: string }[]).map((f) => f.functionId)).toEqual([fnIds.a]);
  });

  it("never sends another tenant's lines down the live tail, even as they arrive", async () => {
    const abort = new AbortController();
    const req = new Request(`http://localhost:3000/api/v1/tenants/${w.tenant.slug}/functions/shared/logs/stream`, { headers: { authorization: `Bearer ${viewerOfA().token}` }, signal: abort.signal });
    const res = await STREAM(req, { params: Promise.resolve({ tenant: w.tenant.slug, function: "shared" }) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    // B's line is stored first, then A's: once A's arrives, B's had every chance to be sent.
    await pushLogs([line(w.otherTenant.id, fnIds.b, "b-live-private")]);
    await pushLogs([line(w.tenant.id, fnIds.a, "a-live")]);
    await withDeadline(
      (async () => {
        while (!text.includes("a-live")) {
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended early");
          text += decoder.decode(value, { stream: true });
        }
      })(),
      5_000,
      "A's live line",
    );
    abort.abort();
    expect(text).toContain("a-visible");
    expect(text).not.toContain("b-private");
    expect(text).not.toContain("b-live-private");
  });
});
