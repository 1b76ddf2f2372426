import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { BUCKET_COUNT } from "@/runtime/src/protocol";
import { call } from "@/lib/test/fixtures";
import { GET as ROUTE_TEST } from "../../../route-test/route";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { POST as ROLLBACK } from "../rollback/route";
import { POST as ABORT } from "./abort/route";
import { POST as PROMOTE } from "./promote/route";
import { DELETE, GET, PUT } from "./route";

let w: Awaited<ReturnType<typeof world>>;
const at = () => ({ tenant: w.tenant.slug, function: "ro" });

async function fnRow() {
  const db = await getDb();
  const [f] = await db.select().from(schema.functions).where(eq(schema.functions.tenantId, w.tenant.id));
  return f!;
}
async function lastChange() {
  const db = await getDb();
  const [c] = await db.select().from(schema.configChanges).orderBy(desc(schema.configChanges.revision)).limit(1);
  return c!;
}
/** `n` requests of one version this minute, `failed` of them 5xx, latency in bucket `b`. */
const traffic = (functionId: string, version: number, n: number, failed: number, b: number) => {
  const hist = Array<number>(BUCKET_COUNT).fill(0);
  hist[b] = n;
  return rollup({ tenantId: w.tenant.id, functionId, version, minute: minuteAgo(0), requests: n, status2xx: n - failed, status5xx: failed, latencyHist: hist });
};

beforeAll(async () => {
  w = await world();
  await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "ro" } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "v-one") } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "v-two") } });
  // v2 exists but v1 is live: the rollout sends a share of the traffic to v2.
  await api(ROLLBACK, w.dev, at(), { body: { version: 1 } });
});

describe("PUT/GET/DELETE .../functions/{function}/rollout", () => {
  it("starts a split; the change carries both versions' code; GET compares them side by side", async () => {
    const r = await api(PUT, w.dev, at(), { method: "PUT", body: { version: 2, percent: 10, stickyBy: "header:x-user" } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ rollout: { version: 2, baseVersion: 1, percent: 10, stickyBy: "header:x-user", abortOnErrorRate: null }, revision: expect.any(Number) });
    expect(await lastChange()).toMatchObject({
      kind: "rollout.set",
      payload: { rollout: { percent: 10, sticky: { kind: "header", name: "x-user" }, candidate: { version: 2, code: expect.stringContaining("v-two") } } },
    });
    const fn = await fnRow();
    await pushRollups([traffic(fn.id, 1, 90, 0, 10), traffic(fn.id, 2, 10, 1, 20)]);
    const g = await api(GET, w.viewer, at());
    expect(g.status).toBe(200);
    expect(g.json).toMatchObject({ rollout: { version: 2, percent: 10 }, liveVersion: 1, comparison: { base: { version: 1, requests: 90, errors: 0, errorRate: 0 }, candidate: { version: 2, requests: 10, errors: 1, errorRate: 10 } } });
    const cmp = g.json.comparison as { base: { p50: number }; candidate: { p50: number } };
    expect(cmp.candidate.p50).toBeGreaterThan(cmp.base.p50);
    // The route tester shows the split.
    const t = await call(ROUTE_TEST, { token: w.viewer.token, path: `/x?url=${encodeURIComponent(`http://ro.${w.tenant.slug}.edge.localhost/`)}`, params: { tenant: w.tenant.slug } });
    expect(t.json).toMatchObject({ matched: true, versions: [{ version: 1, percent: 90, role: "live" }, { version: 2, percent: 10, role: "rollout" }] });
    // Raising the percentage keeps the start (the comparison covers the whole rollout).
    const up = await api(PUT, w.dev, at(), { method: "PUT", body: { version: 2, percent: 50, stickyBy: "header:x-user" } });
    expect(up.json).toMatchObject({ rollout: { percent: 50, startedAt: (r.json.rollout as { startedAt: string }).startedAt } });
  });

  it("rejects bad bodies with 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ percent: 10 }, "version"],
      [{ version: 1, percent: 10 }, "version"],
      [{ version: 9, percent: 10 }, "version"],
      [{ version: 2 }, "percent"],
      [{ version: 2, percent: 150 }, "percent"],
      [{ version: 2, percent: 10, stickyBy: "query:x" }, "stickyBy"],
      [{ version: 2, percent: 10, abortOnErrorRate: -1 }, "abortOnErrorRate"],
    ];
    for (const [body, path] of cases) {
      const r = await api(PUT, w.dev, at(), { method: "PUT", body });
      expect([body, r.status, r.json.error?.issues?.[0]?.path]).toEqual([body, 400, path]);
    }
  });

  it("forbids a viewer (403) and hides another tenant's function (404)", async () => {
    expect((await api(PUT, w.viewer, at(), { method: "PUT", body: { version: 2, percent: 5 } })).status).toBe(403);
    expect((await api(PROMOTE, w.viewer, at(), { method: "POST" })).status).toBe(403);
    expect((await api(ABORT, w.viewer, at(), { method: "POST" })).status).toBe(403);
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, at())).status).toBe(404);
      expect((await api(PUT, who, at(), { method: "PUT", body: { version: 2, percent: 5 } })).status).toBe(404);
      expect((await api(PUT, who, { tenant: w.otherTenant.slug, function: "ro" }, { method: "PUT", body: { version: 2, percent: 5 } })).status).toBe(404);
      expect((await api(PROMOTE, who, at(), { method: "POST" })).status).toBe(404);
    }
  });

  it("aborts automatically when the new version's error rate exceeds the threshold", async () => {
    const fn = await fnRow();
    // Already 10 % vs 0 %: a threshold of 20 points holds, then more failures cross it.
    await api(PUT, w.dev, at(), { method: "PUT", body: { version: 2, percent: 50, stickyBy: "header:x-user", abortOnErrorRate: 20 } });
    await pushRollups([traffic(fn.id, 2, 10, 0, 20)]);
    expect((await api(GET, w.viewer, at())).json).toMatchObject({ rollout: { version: 2 } });
    await pushRollups([traffic(fn.id, 2, 20, 15, 20)]);
    // The ingest of that batch ended it (the runtime is told by rollout.cleared).
    expect(await lastChange()).toMatchObject({ kind: "rollout.cleared" });
    expect((await api(GET, w.viewer, at())).json).toMatchObject({ rollout: null, liveVersion: 1 });
    const db = await getDb();
    const [a] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "rollout.auto_aborted")).orderBy(desc(schema.auditLog.at)).limit(1);
    expect(a?.details).toMatchObject({ version: 2, baseVersion: 1, reason: expect.stringContaining("threshold 20") });
  });

  it("rolls out the version just deployed from an earlier one (baseVersion), in one step", async () => {
    // Deploying v3 makes it live at once; the rollout puts v1 back for most requests and ramps v3 up.
    await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "v-three") } });
    expect((await fnRow()).liveVersion).toBe(3);
    const bad = await api(PUT, w.dev, at(), { method: "PUT", body: { version: 3, percent: 5, baseVersion: 9 } });
    expect([bad.status, bad.json.error?.issues?.[0]?.path]).toEqual([400, "baseVersion"]);
    expect((await fnRow()).liveVersion).toBe(3);
    const r = await api(PUT, w.dev, at(), { method: "PUT", body: { version: 3, percent: 5, baseVersion: 1 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ rollout: { version: 3, baseVersion: 1, percent: 5 } });
    expect((await fnRow()).liveVersion).toBe(1);
    expect(await lastChange()).toMatchObject({ kind: "rollout.set", payload: { rollout: { candidate: { version: 3 } } } });
    expect((await api(ABORT, w.dev, at(), { method: "POST" })).json).toMatchObject({ aborted: true, liveVersion: 1 });
  });

  it("promote makes the new version live; abort sends everyone back", async () => {
    await api(PUT, w.dev, at(), { method: "PUT", body: { version: 2, percent: 25 } });
    const ab = await api(DELETE, w.dev, at(), { method: "DELETE" });
    expect(ab.status).toBe(200);
    expect(ab.json).toMatchObject({ aborted: true, liveVersion: 1 });
    expect((await api(ABORT, w.dev, at(), { method: "POST" })).status).toBe(404);
    await api(PUT, w.dev, at(), { method: "PUT", body: { version: 2, percent: 25 } });
    const pr = await api(PROMOTE, w.dev, at(), { method: "POST" });
    expect(pr.status).toBe(200);
    expect(pr.json).toMatchObject({ promoted: true, liveVersion: 2 });
    expect((await fnRow()).liveVersion).toBe(2);
    expect(await lastChange()).toMatchObject({ kind: "function.deployed", payload: { function: { version: 2 } } });
    expect((await api(GET, w.viewer, at())).json).toMatchObject({ rollout: null, liveVersion: 2 });
  });
});
