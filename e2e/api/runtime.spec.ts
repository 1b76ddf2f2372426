import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, apiLogin, runtimeUrl, unique } from "../helpers";

// The whole path through real processes: REST deploy on the console → change feed → runtime
// isolate → HTTP answer on the runtime's public port.
async function deploy(request: APIRequestContext, token: string, fn: string, code: string) {
  const res = await request.post(`/api/v1/tenants/demo/functions/${fn}/deployments`, {
    headers: { authorization: `Bearer ${token}` },
    data: { code, message: "e2e" },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

async function hit(request: APIRequestContext, fn: string, path = "/") {
  return request.get(`${runtimeUrl}${path}`, { headers: { host: `${fn}.demo.edge.localhost` }, failOnStatusCode: false });
}

test("deploys through the REST API and serves from the runtime; limits and suspension apply", async ({ request }) => {
  const token = await apiLogin(request, admin.email, admin.password);
  const auth = { authorization: `Bearer ${token}` };

  // The seeded hello function answers on first start.
  await expect.poll(async () => (await hit(request, "hello", "/x")).status(), { timeout: 20_000 }).toBe(200);

  const fn = unique("e2e");
  expect((await request.post("/api/v1/tenants/demo/functions", { headers: auth, data: { name: fn } })).status()).toBe(201);
  const v1 = await deploy(request, token, fn, `export default { fetch(req, env) { return new Response("one " + env.GREETING) } }`);
  expect(v1.version).toBe(1);
  const put = await request.put(`/api/v1/tenants/demo/functions/${fn}/variables/GREETING`, { headers: auth, data: { value: "top-secret-value", secret: true } });
  expect(put.status(), await put.text()).toBe(200);
  expect(await put.text()).not.toContain("top-secret-value");
  await expect.poll(async () => (await hit(request, fn)).text(), { timeout: 10_000 }).toBe("one top-secret-value");

  // A runaway loop is stopped at the CPU limit with a 503 naming it; a healthy function alongside is unaffected.
  const loop = unique("loop");
  await request.post("/api/v1/tenants/demo/functions", { headers: auth, data: { name: loop } });
  await deploy(request, token, loop, `export default { fetch() { for (;;) {} } }`);
  const [stopped, healthy] = await Promise.all([hit(request, loop), hit(request, "hello")]);
  expect(stopped.status()).toBe(503);
  expect(await stopped.json()).toMatchObject({ error: "cpu_limit_exceeded", limit_ms: 50 });
  expect(healthy.status()).toBe(200);

  // Suspension reaches the runtime through the change feed, and so does resuming.
  expect((await request.post("/api/v1/admin/tenants/demo/suspend", { headers: auth })).status()).toBe(200);
  await expect.poll(async () => (await hit(request, fn)).status(), { timeout: 5_000 }).toBe(403);
  expect((await request.post("/api/v1/admin/tenants/demo/resume", { headers: auth })).status()).toBe(200);
  await expect.poll(async () => (await hit(request, fn)).status(), { timeout: 5_000 }).toBe(200);
});

test("a module that throws while starting is refused with where, and the live version keeps serving", async ({ request }) => {
  const token = await apiLogin(request, admin.email, admin.password);
  const auth = { authorization: `Bearer ${token}` };
  const fn = unique("starts");
  expect((await request.post("/api/v1/tenants/demo/functions", { headers: auth, data: { name: fn } })).status()).toBe(201);
  expect((await deploy(request, token, fn, `export default { fetch: () => new Response("v1") }`)).startupCheck).toBe("passed");
  await expect.poll(async () => (await hit(request, fn)).text(), { timeout: 10_000 }).toBe("v1");

  const res = await request.post(`/api/v1/tenants/demo/functions/${fn}/deployments`, {
    headers: auth,
    data: { code: `const cfg = JSON.parse("{}"); console.warn("config:", JSON.stringify(cfg));\nif (!cfg.region) throw new Error("region is not configured");\nexport default { fetch: () => new Response("v2") }`, message: "e2e" },
  });
  expect(res.status()).toBe(400);
  const { error } = await res.json();
  expect(error.code).toBe("startup_failed");
  expect(error.errors).toEqual([expect.objectContaining({ file: "index.ts", line: 2, text: "region is not configured" })]);
  expect(error.logs).toEqual([{ level: "warn", message: "config: {}" }]);
  expect((await hit(request, fn)).status()).toBe(200);
  expect(await (await hit(request, fn)).text()).toBe("v1");
});
