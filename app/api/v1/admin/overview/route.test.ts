import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { api, world } from "@/lib/services/functions/test-support";
import { minuteAgo, pushRollups, rollup } from "@/lib/services/metrics/test-support";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { POST as CREATE } from "../../tenants/[tenant]/functions/route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
let admin = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  w = await world();
  admin = await createTokenFor((await createUser({ admin: true })).id);
  for (const [who, tenant, name] of [[w.dev, w.tenant.slug, "busy"], [w.dev, w.tenant.slug, "hot"], [w.outsider, w.otherTenant.slug, "failing"]] as const) {
    ids[name] = (await api(CREATE, who, { tenant }, { body: { name } })).json.id as string;
  }
  const minute = minuteAgo(5);
  await pushRollups([
    rollup({ tenantId: w.tenant.id, functionId: ids.busy!, minute, requests: 900, status2xx: 900, cpuUs: 90_000 }),
    rollup({ tenantId: w.tenant.id, functionId: ids.hot!, minute, requests: 50, status2xx: 50, cpuUs: 5_000_000 }),
    rollup({ tenantId: w.otherTenant.id, functionId: ids.failing!, minute, requests: 100, status5xx: 80, errors: 80, cpuUs: 10_000 }),
  ]);
  const db = await getDb();
  const now = Date.now();
  await db.insert(schema.runtimeNodes).values([
    { id: "node-fresh", hostname: "a", version: "0.1.0", workers: 2, appliedRevision: 1, lastHeartbeatAt: new Date(now - 2_000) },
    { id: "node-stale", hostname: "b", version: "0.1.0", workers: 2, appliedRevision: 1, lastHeartbeatAt: new Date(now - 60_000) },
    { id: "node-down", hostname: "c", version: "0.1.0", workers: 1, appliedRevision: 0, lastHeartbeatAt: new Date(now - 3_600_000) },
  ]);
});

const overview = (token: string, query = "") => call(GET, { path: `/api/v1/admin/overview${query}`, token });

describe("GET /api/v1/admin/overview", () => {
  it("ranks functions across tenants by invocations, CPU and errors, with platform totals", async () => {
    const r = await overview(admin, "?range=1h");
    expect(r.status).toBe(200);
    const names = (k: string) => (r.json[k] as { name: string; tenantSlug: string }[]).map((f) => `${f.tenantSlug}/${f.name}`);
    expect(names("topByRequests")).toEqual([`${w.tenant.slug}/busy`, `${w.otherTenant.slug}/failing`, `${w.tenant.slug}/hot`]);
    expect(names("topByCpu")).toEqual([`${w.tenant.slug}/hot`, `${w.tenant.slug}/busy`, `${w.otherTenant.slug}/failing`]);
    expect(names("topByErrors")).toEqual([`${w.otherTenant.slug}/failing`]);
    expect(r.json.totals).toEqual({ requests: 1050, errors: 80, status5xx: 80, cpuMs: 5100 });
  });

  it("reports each runtime node's health from its last heartbeat", async () => {
    const r = await overview(admin);
    const health = Object.fromEntries((r.json.nodes as { id: string; health: string }[]).map((n) => [n.id, n.health]));
    expect(health).toMatchObject({ "node-fresh": "healthy", "node-stale": "stale", "node-down": "down" });
  });

  it("is for platform admins only, and names a bad range", async () => {
    expect((await overview(w.owner.token!)).status).toBe(403);
    expect((await call(GET, { path: "/api/v1/admin/overview" })).status).toBe(401);
    const bad = await overview(admin, "?range=2h");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("range");
  });
});
