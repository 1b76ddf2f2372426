import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, apiLogin, apiSignup, runtimeUrl, signIn, unique } from "../helpers";

// Issue 8's journey: an admin creates a tenant on a plan; a developer of that tenant deploys and
// sends traffic; usage appears for the owner and the admin; the admin suspends the tenant and
// traffic gets 403; resume restores it.
const N = 7;

async function hit(request: APIRequestContext, host: string) {
  return request.get(`${runtimeUrl}/`, { headers: { host }, failOnStatusCode: false });
}

test("admin creates a tenant on a plan; developer traffic shows as usage; suspend gives 403, resume restores", async ({ browser, request }) => {
  const slug = unique("bill");
  const ownerEmail = `${unique("owner")}@e2e.test`;
  const devEmail = `${unique("dev")}@e2e.test`;
  const ownerToken = await apiSignup(request, ownerEmail, "owner-password-1");
  const devToken = await apiSignup(request, devEmail, "dev-password-12");

  // The admin creates the tenant for the owner, on the Pro plan, in the admin UI.
  const adminCtx = await browser.newContext();
  const adminPage = await adminCtx.newPage();
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto("/admin/tenants");
  await adminPage.getByRole("button", { name: "Create tenant" }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Billing Co");
  await dialog.getByLabel("Slug").fill(slug);
  await dialog.getByLabel("Owner email").fill(ownerEmail);
  await dialog.getByLabel("Plan").click();
  await adminPage.getByRole("option", { name: "Pro" }).click();
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  const row = adminPage.getByTestId(`admin-tenant-row-${slug}`);
  await expect(row.getByTestId("tenant-plan")).toHaveText("Pro");

  // The owner invites a developer, who accepts; the developer deploys and sends traffic.
  const inv = await request.post(`/api/v1/tenants/${slug}/invitations`, { headers: { authorization: `Bearer ${ownerToken}` }, data: { email: devEmail, role: "developer" } });
  expect(inv.status(), await inv.text()).toBe(201);
  const accept = await request.post(`/api/v1/invitations/${(await inv.json()).id}/accept`, { headers: { authorization: `Bearer ${devToken}` } });
  expect(accept.status(), await accept.text()).toBe(200);
  const dev = { authorization: `Bearer ${devToken}` };
  expect((await request.post(`/api/v1/tenants/${slug}/functions`, { headers: dev, data: { name: "shop" } })).status()).toBe(201);
  const dep = await request.post(`/api/v1/tenants/${slug}/functions/shop/deployments`, { headers: dev, data: { code: `export default { fetch() { return new Response("sold") } }` } });
  expect(dep.status(), await dep.text()).toBe(201);
  const host = `shop.${slug}.edge.localhost`;
  await expect.poll(async () => (await hit(request, host)).status(), { timeout: 10_000 }).toBe(200);
  for (let i = 1; i < N; i++) expect((await hit(request, host)).status()).toBe(200);

  // Usage appears for the owner (after the runtime's next flush), and in the admin's table.
  const ownerCtx = await browser.newContext();
  const ownerPage = await ownerCtx.newPage();
  await signIn(ownerPage, ownerEmail, "owner-password-1");
  await ownerPage.goto(`/${slug}/usage`);
  await expect(ownerPage.getByTestId("usage-cost")).toContainText("$20.00");
  await expect(async () => {
    await ownerPage.reload();
    await expect(ownerPage.getByTestId("usage-requests")).toContainText(String(N), { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(ownerPage.getByTestId("usage-chart")).toBeVisible();
  // A developer without billing access is told so, and the API agrees.
  expect((await request.get(`/api/v1/tenants/${slug}/usage`, { headers: dev })).status()).toBe(403);

  await adminPage.reload();
  await expect(row.getByTestId("tenant-requests")).toHaveText(String(N));

  // Suspend from the tenant's admin page: traffic gets 403 with a clear body; resume restores it.
  await row.getByRole("link", { name: "Billing Co" }).click();
  await expect(adminPage).toHaveURL(new RegExp(`/admin/tenants/${slug}$`));
  await expect(adminPage.getByTestId("tenant-functions")).toContainText("shop");
  await adminPage.getByRole("button", { name: "Suspend" }).click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Suspend tenant" }).click();
  await expect(adminPage.getByTestId("tenant-status")).toContainText(/suspended/i);
  await expect.poll(async () => (await hit(request, host)).status(), { timeout: 5_000 }).toBe(403);
  expect(await (await hit(request, host)).json()).toMatchObject({ error: "tenant_suspended", message: expect.stringMatching(/suspended/) });
  await adminPage.getByRole("button", { name: "Resume" }).click();
  await expect(adminPage.getByTestId("tenant-status")).toContainText(/active/i);
  await expect.poll(async () => (await hit(request, host)).status(), { timeout: 5_000 }).toBe(200);

  // Overrides: the included requests set to what was used → owners are warned on every page.
  await adminPage.getByLabel("Included requests / month").fill(String(N));
  await adminPage.getByRole("button", { name: "Save overrides" }).click();
  await expect(adminPage.getByLabel("Included requests / month")).toHaveValue(String(N));
  await ownerPage.goto(`/${slug}/functions`);
  await expect(ownerPage.getByTestId("quota-banner")).toContainText("Included requests: 100 % used");

  // On Free (no overage) the same allowance is a hard quota: the runtime answers 429 naming it.
  await adminPage.getByLabel("Plan", { exact: true }).click();
  await adminPage.getByRole("option", { name: "Free" }).click();
  await adminPage.getByRole("button", { name: "Change plan" }).click();
  await expect.poll(async () => (await hit(request, host)).status(), { timeout: 5_000 }).toBe(429);
  expect(await (await hit(request, host)).json()).toMatchObject({ error: "quota_exceeded", quota: "included_requests" });
  await ownerPage.reload();
  await expect(ownerPage.getByTestId("quota-banner")).toContainText("answering 429");

  // Only platform admins reach the admin API.
  const ownerApi = await apiLogin(request, ownerEmail, "owner-password-1");
  expect((await request.get("/api/v1/admin/plans", { headers: { authorization: `Bearer ${ownerApi}` } })).status()).toBe(403);
  await adminCtx.close();
  await ownerCtx.close();
});
