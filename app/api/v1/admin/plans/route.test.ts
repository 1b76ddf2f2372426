import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/lib/db";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import * as tenants from "../tenants/route";
import * as planOne from "./[plan]/route";
import * as plans from "./route";

const custom = {
  id: "startup",
  name: "Startup",
  currency: "EUR",
  monthlyPriceMinor: 900,
  includedRequests: 2_000_000,
  includedCpuMs: 5_000_000,
  pricePerMillionRequestsMinor: 40,
  pricePerMillionCpuMsMinor: 3,
  overage: true,
  cpuMsPerRequest: 100,
  memoryMb: 128,
  subrequests: 100,
  maxFunctions: 3,
  maxDomains: 2,
  logRetentionDays: 3,
  spendCapMinor: 5000,
};

async function lastChange(tenantId: string) {
  const db = await getDb();
  const [row] = await db.select().from(schema.configChanges).where(eq(schema.configChanges.tenantId, tenantId)).orderBy(desc(schema.configChanges.revision)).limit(1);
  return row!;
}

// Open and migrate the database in the hook (60 s budget), not inside the first test (30 s).
beforeAll(async () => {
  await getDb();
});

describe("admin plans API", () => {
  it("lists the seeded plans and creates and edits a custom one", async () => {
    const token = await createTokenFor((await createUser({ admin: true })).id);
    const list = await call(plans.GET, { token });
    expect(list.status).toBe(200);
    expect((list.json.plans as { id: string }[]).map((p) => p.id)).toEqual(["free", "pro", "enterprise"]);
    const created = await call(plans.POST, { token, body: custom });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...custom, tenants: 0 });
    expect((await call(plans.POST, { token, body: custom })).status).toBe(409);
    const patched = await call(planOne.PATCH, { token, method: "PATCH", params: { plan: "startup" }, body: { monthlyPriceMinor: 1200 } });
    expect(patched.json).toMatchObject({ id: "startup", monthlyPriceMinor: 1200, currency: "EUR" });
    const viaBody = await call(plans.PATCH, { token, method: "PATCH", body: { id: "startup", name: "Startup 2" } });
    expect(viaBody.json).toMatchObject({ name: "Startup 2", monthlyPriceMinor: 1200 });
  });

  it("answers 400 naming the field, 404 for an unknown plan, 403 to non-admins", async () => {
    const token = await createTokenFor((await createUser({ admin: true })).id);
    const floaty = await call(plans.POST, { token, body: { ...custom, id: "floaty", monthlyPriceMinor: 9.99 } });
    expect(floaty.status).toBe(400);
    expect(floaty.json.error?.issues?.[0]?.path).toBe("monthlyPriceMinor");
    const missing = await call(plans.POST, { token, body: { ...custom, id: "nolimits", memoryMb: undefined } });
    expect(missing.json.error?.issues?.[0]?.path).toBe("memoryMb");
    const currency = await call(plans.POST, { token, body: { ...custom, id: "cur", currency: "dollars" } });
    expect(currency.json.error?.issues?.[0]?.path).toBe("currency");
    const badPatch = await call(planOne.PATCH, { token, method: "PATCH", params: { plan: "pro" }, body: { cpuMsPerRequest: 0 } });
    expect(badPatch.status).toBe(400);
    expect(badPatch.json.error?.issues?.[0]?.path).toBe("cpuMsPerRequest");
    expect((await call(planOne.PATCH, { token, method: "PATCH", params: { plan: "nope" }, body: { name: "x" } })).status).toBe(404);
    expect((await call(plans.PATCH, { token, method: "PATCH", body: { name: "x" } })).json.error?.issues?.[0]?.path).toBe("id");

    const user = await createUser();
    const userToken = await createTokenFor(user.id);
    expect((await call(plans.GET, { token: userToken })).status).toBe(403);
    expect((await call(plans.POST, { token: userToken, body: { ...custom, id: "mine" } })).status).toBe(403);
    expect((await call(planOne.PATCH, { token: userToken, method: "PATCH", params: { plan: "free" }, body: { includedRequests: 1e12 } })).status).toBe(403);
    expect((await call(plans.GET)).status).toBe(401);
  });

  it("editing a plan sends every tenant on it its new limits through the change feed", async () => {
    const token = await createTokenFor((await createUser({ admin: true })).id);
    await call(plans.POST, { token, body: { ...custom, id: "edited", cpuMsPerRequest: 70 } });
    const owner = await createUser();
    const made = await call(tenants.POST, { token, body: { name: "On plan", slug: "on-plan", ownerEmail: owner.email, plan: "edited" } });
    expect(made.status).toBe(201);
    expect((await lastChange(made.json.id as string)).payload).toMatchObject({ tenant: { limits: { cpuMs: 70, memoryMb: 128, subrequests: 100 } } });
    await call(planOne.PATCH, { token, method: "PATCH", params: { plan: "edited" }, body: { cpuMsPerRequest: 90, memoryMb: 64 } });
    expect((await lastChange(made.json.id as string)).payload).toMatchObject({ tenant: { limits: { cpuMs: 90, memoryMb: 64 } } });
    const badPlan = await call(tenants.POST, { token, body: { name: "X", slug: "x-plan", ownerEmail: owner.email, plan: "platinum" } });
    expect(badPlan.status).toBe(400);
    expect(badPlan.json.error?.issues?.[0]?.path).toBe("plan");
  });
});
