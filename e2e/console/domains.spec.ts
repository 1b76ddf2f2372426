import http from "node:http";
import { expect, test } from "@playwright/test";
import { admin, runtimeUrl, signIn, unique } from "../helpers";

// Issue 6's journey: add a *.localhost domain (verified at once), attach a route to the seeded
// `hello` function, ask the route tester which function serves a URL, see the function answer on
// that host (in the browser and with a Host header), then detach the route and get a clear 404.

const tenant = "demo";

/** A request to the runtime port with an explicit Host header, as `curl -H 'Host: …'` would send. */
function viaHost(host: string, path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(runtimeUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("add a domain, add a route, use the route tester, see the function answer on that host", async ({ page }) => {
  test.setTimeout(120_000);
  const host = `${unique("shop")}.example.localhost`;
  await signIn(page, admin.email, admin.password);
  await page.goto(`/${tenant}/domains`);
  await expect(page.getByRole("heading", { name: "Domains", level: 1 })).toBeVisible();

  // Add the domain: names under .localhost are verified at once.
  await page.getByTestId("add-domain").first().click();
  await page.getByLabel("Hostname").fill(host);
  await page.getByRole("button", { name: "Add domain" }).last().click();
  const card = page.getByTestId(`domain-${host}`);
  await expect(card).toBeVisible();
  await expect(card.getByText("Verified")).toBeVisible();

  // A bad pattern is refused next to the field, before saving.
  const form = page.getByTestId(`route-form-${host}`);
  await form.getByLabel("Path pattern").fill("api/*");
  await expect(form.getByRole("alert")).toContainText('must start with "/"');
  await expect(form.getByRole("button", { name: "Add route" })).toBeEnabled();

  // Add the route to the seeded hello function.
  await form.getByLabel("Path pattern").fill("/api/*");
  await form.getByLabel("Function").click();
  await page.getByRole("option", { name: "hello" }).click();
  await form.getByRole("button", { name: "Add route" }).click();
  await expect(card.getByTestId("route-/api/*")).toBeVisible();
  await expect(card.getByTestId("route-/api/*")).toContainText("hello");

  // A second route with the same pattern is shown as a conflict before saving, and cannot be saved.
  await form.getByLabel("Path pattern").fill("/api/*");
  await expect(form.getByTestId("route-overlaps")).toContainText("Conflict");
  await expect(form.getByRole("button", { name: "Add route" })).toBeDisabled();

  // The route tester says which function and version serve the URL.
  const tester = page.getByTestId("route-tester");
  await tester.getByLabel("URL to test").fill(`http://${host}/api/cart`);
  await tester.getByRole("button", { name: "Test" }).click();
  const result = page.getByTestId("route-test-result");
  await expect(result).toContainText('Function "hello" serves it');
  await expect(result).toContainText(`${host}/api/*`);
  await expect(result).toContainText(/v\d+ · 100%/);
  await tester.getByLabel("URL to test").fill(`http://${host}/checkout`);
  await tester.getByRole("button", { name: "Test" }).click();
  await expect(result).toContainText(`No route on "${host}" matches GET /checkout`);

  // The function answers on that host: in the browser (Chromium resolves *.localhost to loopback)…
  const site = await page.context().newPage();
  await expect
    .poll(async () => {
      const res = await site.goto(`http://${host}:${new URL(runtimeUrl).port}/api/cart`);
      return res?.ok() ? await site.locator("body").innerText() : `status ${res?.status()}`;
    }, { timeout: 10_000 })
    .toContain('"path":"/api/cart"');
  await site.close();
  // …and with the Host header against the runtime port.
  const answer = await viaHost(host, "/api/cart?x=1");
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({ hello: "world", path: "/api/cart" });

  // Detach it: the host answers 404 with a body saying why.
  await card.getByRole("button", { name: "Detach /api/*" }).click();
  await page.getByRole("button", { name: "Detach" }).last().click();
  await expect(card.getByTestId("route-/api/*")).toHaveCount(0);
  await expect.poll(async () => (await viaHost(host, "/api/cart")).status, { timeout: 5_000 }).toBe(404);
  expect(JSON.parse((await viaHost(host, "/api/cart")).body)).toMatchObject({ error: "no_route", message: `No route on "${host}" matches GET /api/cart.` });
});

test("a route attached through the REST API serves within a second; detached, a clear 404", async ({ page }) => {
  const host = `${unique("cart")}.example.localhost`;
  await signIn(page, admin.email, admin.password);
  const domains = `/api/v1/tenants/${tenant}/domains`;
  expect((await page.request.post(domains, { data: { hostname: host } })).status()).toBe(201);
  expect((await viaHost(host, "/api/cart")).status).toBe(404);
  const t0 = Date.now();
  const added = await page.request.post(`${domains}/${host}/routes`, { data: { pattern: "/api/*", function: "hello" } });
  expect(added.status(), await added.text()).toBe(201);
  let r = await viaHost(host, "/api/cart");
  while (r.status !== 200 && Date.now() - t0 < 5_000) r = await viaHost(host, "/api/cart");
  const ms = Date.now() - t0;
  expect(r.status).toBe(200);
  expect(ms).toBeLessThan(1_000);
  expect((await added.json()).nodes).toMatchObject({ applied: 1, total: 1 });
  const id = (await added.json()).route.id as string;
  expect((await page.request.delete(`${domains}/${host}/routes/${id}`)).status()).toBe(204);
  await expect.poll(async () => (await viaHost(host, "/api/cart")).status, { timeout: 1_000 }).toBe(404);
  expect(JSON.parse((await viaHost(host, "/api/cart")).body)).toMatchObject({ error: "no_route" });
});

test("gradual rollout from the Trigger tab: split by a header, both versions answer, promote", async ({ page }) => {
  test.setTimeout(120_000);
  const fn = unique("ro");
  await signIn(page, admin.email, admin.password);
  // Two versions through the REST API (the editor has its own spec); the browser session signs the calls.
  const api = `/api/v1/tenants/${tenant}/functions`;
  expect((await page.request.post(api, { data: { name: fn } })).status()).toBe(201);
  for (const v of ["one", "two"]) {
    const r = await page.request.post(`${api}/${fn}/deployments`, { data: { code: `export default { fetch() { return new Response("version-${v}"); } };` } });
    expect(r.status(), await r.text()).toBe(201);
  }
  const host = `${fn}.${tenant}.edge.localhost`;

  await page.goto(`/${tenant}/functions/${fn}`);
  await page.getByRole("tab", { name: /Trigger/ }).click();
  const form = page.getByTestId("rollout-form");
  // v2 was just deployed: the form offers to ramp it up from v1.
  await expect(form.getByLabel("New version")).toHaveText("v2");
  await expect(form.getByLabel("The rest on")).toHaveText("v1");
  await form.getByLabel("Share of requests (%)").fill("50");
  await form.getByLabel("Sticky by").click();
  await page.getByRole("option", { name: "A header" }).click();
  await form.getByLabel("Cookie or header name").fill("x-user");
  await form.getByRole("button", { name: "Start rollout" }).click();
  await expect(page.getByTestId("rollout-comparison")).toBeVisible();
  await expect(page.getByTestId("rollout-panel")).toContainText("Version 2 gets 50% of requests, version 1 the rest");

  // Both versions answer, each client (x-user) always the same one.
  const seen = new Map<string, string>();
  for (let i = 0; i < 60; i++) {
    const user = `user-${i % 20}`;
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: new URL(runtimeUrl).port, path: "/", headers: { host, "x-user": user } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(r.status).toBe(200);
    if (seen.has(user)) expect(r.body).toBe(seen.get(user));
    seen.set(user, r.body);
  }
  expect(new Set(seen.values())).toEqual(new Set(["version-one", "version-two"]));

  await page.getByTestId("rollout-promote").click();
  await page.getByRole("button", { name: "Promote", exact: true }).click();
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v2");
  await expect.poll(async () => (await viaHost(host, "/")).body, { timeout: 5_000 }).toBe("version-two");
});
