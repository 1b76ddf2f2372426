import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, apiLogin, runtimeUrl, signIn, unique } from "../helpers";

// Issue 7's journey in Chromium: deploy a function that logs, watch the live tail while requests
// arrive (lines within 2 s), see the points on the chart after the next flush, a limit event that
// explains itself, and the function at the top of the admin overview next to a healthy node.

const tenant = "demo";

async function deploy(request: APIRequestContext, token: string, fn: string, code: string) {
  const auth = { authorization: `Bearer ${token}` };
  expect((await request.post(`/api/v1/tenants/${tenant}/functions`, { headers: auth, data: { name: fn } })).status()).toBe(201);
  const res = await request.post(`/api/v1/tenants/${tenant}/functions/${fn}/deployments`, { headers: auth, data: { code, message: "e2e" } });
  expect(res.status(), await res.text()).toBe(201);
}

const hit = (request: APIRequestContext, fn: string, path = "/", headers: Record<string, string> = {}) =>
  request.get(`${runtimeUrl}${path}`, { headers: { host: `${fn}.${tenant}.edge.localhost`, ...headers }, failOnStatusCode: false });

test("live tail within 2 s, chart points after the flush, limit details, admin overview", async ({ page, request }) => {
  const token = await apiLogin(request, admin.email, admin.password);
  const fn = unique("tail");
  await deploy(request, token, fn, `export default { fetch(req) { const n = new URL(req.url).searchParams.get("n"); console.log("tail-line " + n); return new Response("ok " + n) } }`);
  await expect.poll(async () => (await hit(request, fn, "/?n=0")).status(), { timeout: 20_000 }).toBe(200);

  await signIn(page, admin.email, admin.password);
  await page.goto(`/${tenant}/functions/${fn}`);
  await page.getByRole("tab", { name: "Logs" }).click();
  await page.getByRole("button", { name: "Live" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  for (let n = 1; n <= 3; n++) {
    expect((await hit(request, fn, `/?n=${n}`)).status()).toBe(200);
    const answered = Date.now();
    await expect(page.getByText(`tail-line ${n}`, { exact: true })).toBeVisible({ timeout: 2_000 });
    console.log(`live tail: line ${n} shown ${Date.now() - answered} ms after its response`);
  }

  // A limit event explains itself: which limit, its value, the request without its credentials.
  const loop = unique("loop");
  await deploy(request, token, loop, `export default { fetch() { for (;;) {} } }`);
  await expect.poll(async () => (await hit(request, loop, "/spin", { authorization: "Bearer e2e-secret-token" })).status(), { timeout: 20_000 }).toBe(503);
  await page.goto(`/${tenant}/functions/${loop}`);
  await page.getByRole("tab", { name: "Logs" }).click();
  await page.getByRole("button", { name: /Limit exceeded: cpu/ }).first().click({ timeout: 15_000 });
  const details = page.getByTestId("limit-details").first();
  await expect(details).toContainText("CPU time");
  await expect(details).toContainText("Configured");
  await expect(details).toContainText("/spin");
  await expect(details.getByRole("row", { name: /authorization/ })).toContainText("[redacted]");
  await expect(details).not.toContainText("e2e-secret-token");
  await page.screenshot({ path: test.info().outputPath("limit-details.png"), fullPage: true });

  // The four requests are on the chart once the runtime's next flush reached the console.
  await page.goto(`/${tenant}/functions/${fn}`);
  await page.getByRole("tab", { name: "Metrics" }).click();
  const view = page.getByTestId("metrics-view");
  await expect(view.getByText("Invocations", { exact: true }).locator("..")).toContainText("4", { timeout: 15_000 });
  await expect(view.locator(".recharts-line-dot, .recharts-dot").first()).toBeAttached();
  await page.screenshot({ path: test.info().outputPath("metrics.png"), fullPage: true });

  await page.goto("/admin/overview");
  await page.getByRole("radio", { name: "1h" }).click();
  await expect(page.getByTestId("top-requests")).toContainText(fn, { timeout: 15_000 });
  await expect(page.getByTestId("top-errors")).toContainText(loop);
  await expect(page.getByTestId("runtime-node").first()).toContainText("Healthy");
  await page.screenshot({ path: test.info().outputPath("admin-overview.png"), fullPage: true });
});
