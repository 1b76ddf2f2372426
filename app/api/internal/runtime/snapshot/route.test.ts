import { describe, expect, it } from "vitest";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { auth } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { Snapshot } from "@/runtime/src/protocol";
import { unsealSecret } from "@/runtime/src/protocol/secrets";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { POST as CREATE } from "@/app/api/v1/tenants/[tenant]/functions/route";
import { POST as DEPLOY } from "@/app/api/v1/tenants/[tenant]/functions/[function]/deployments/route";
import { PUT as PUT_VAR } from "@/app/api/v1/tenants/[tenant]/functions/[function]/variables/[name]/route";
import { GET } from "./route";

describe("GET /api/internal/runtime/snapshot", () => {
  it("returns every tenant, every live function with vars and sealed secrets, and the latest revision", async () => {
    const w = await world();
    const p = (fn: string, name?: string) => ({ tenant: w.tenant.slug, function: fn, ...(name ? { name } : {}) });
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "live" } });
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "never-deployed" } });
    await api(DEPLOY, w.dev, p("live"), { body: { code: HELLO } });
    await api(PUT_VAR, w.dev, p("live", "MODE"), { method: "PUT", body: { value: "prod" } });
    const last = await api(PUT_VAR, w.dev, p("live", "TOKEN"), { method: "PUT", body: { value: "tok-123", secret: true } });

    const r = await call(GET, { headers: auth() });
    expect(r.status).toBe(200);
    const snap = Snapshot.parse(r.json);
    expect(snap.revision).toBe(last.json.revision);
    expect(snap.tenants.map((t) => t.tenantId).sort()).toEqual([w.tenant.id, w.otherTenant.id].sort());
    expect(snap.functions).toHaveLength(1);
    const [fn] = snap.functions;
    expect(fn).toMatchObject({ tenantId: w.tenant.id, name: "live", version: 1, vars: { MODE: "prod" }, code: expect.stringContaining("hello") });
    expect(unsealSecret(fn!.secrets.TOKEN!, runtimeToken())).toBe("tok-123");
    expect(JSON.stringify(r.json)).not.toContain("tok-123");
  });

  it("refuses callers without the runtime token", async () => {
    expect((await call(GET)).status).toBe(401);
    expect((await call(GET, { headers: { authorization: `Bearer ${runtimeToken()}x` } })).status).toBe(401);
    expect((await call(GET, { headers: { authorization: runtimeToken() } })).status).toBe(401);
  });
});
