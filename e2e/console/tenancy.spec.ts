import { expect, test } from "@playwright/test";
import { admin, signIn, unique } from "../helpers";

// Issue 2's journey: sign up, create a tenant, invite a developer, who signs up through the link
// and sees only that tenant; only platform admins see the Admin area (UI and API).
test("sign up, create a tenant, invite a developer who sees only that tenant", async ({ browser }) => {
  const ownerEmail = `${unique("owner")}@e2e.test`;
  const devEmail = `${unique("dev")}@e2e.test`;
  const slug = unique("acme");

  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  await owner.goto("/signup");
  await owner.getByLabel("Name").fill("Olive Owner");
  await owner.getByLabel("Email").fill(ownerEmail);
  await owner.getByLabel("Password").fill("owner-password-1");
  await owner.getByRole("button", { name: "Create account" }).click();
  await expect(owner).toHaveURL(/\/new/);

  await owner.getByLabel("Tenant name").fill("Acme Corp");
  await owner.getByLabel("Slug").fill(slug);
  await owner.getByRole("button", { name: "Create tenant" }).click();
  await expect(owner).toHaveURL(new RegExp(`/${slug}/functions`));

  await owner.goto(`/${slug}/settings/members`);
  await owner.getByRole("button", { name: /invite/i }).first().click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("Email").fill(devEmail);
  await dialog.getByLabel("Role", { exact: true }).click();
  await owner.getByRole("option", { name: /developer/i }).click();
  await dialog.getByRole("button", { name: /send invitation|invite|create/i }).last().click();
  const linkField = owner.getByTestId("invitation-link");
  await expect(linkField).toBeVisible();
  const input = linkField.locator("input");
  const link = ((await input.count()) ? await input.inputValue() : await linkField.innerText()).trim();
  expect(link).toMatch(/\/invite\/[0-9a-f-]{36}$/);

  // The developer opens the link in a fresh browser, signs up and accepts.
  const devCtx = await browser.newContext();
  const dev = await devCtx.newPage();
  const invitePath = new URL(link).pathname;
  await dev.goto(`/signup?next=${encodeURIComponent(invitePath)}`);
  await dev.getByLabel("Name").fill("Dev Eloper");
  await dev.getByLabel("Email").fill(devEmail);
  await dev.getByLabel("Password").fill("dev-password-12");
  await dev.getByRole("button", { name: "Create account" }).click();
  await expect(dev).toHaveURL(new RegExp(invitePath));
  await expect(dev.getByTestId("invitation-tenant")).toHaveText("Acme Corp");
  await dev.getByRole("button", { name: "Accept invitation" }).click();
  await expect(dev).toHaveURL(new RegExp(`/${slug}/functions`));

  // Only that tenant, with the developer role; no Admin area.
  const me = await (await dev.request.get("/api/v1/me")).json();
  expect(me.tenants).toEqual([expect.objectContaining({ slug, role: "developer" })]);
  await dev.getByTestId("tenant-switcher").click();
  await expect(dev.locator('[data-testid^="tenant-option-"]')).toHaveCount(1);
  await dev.keyboard.press("Escape");
  await dev.getByTestId("user-menu").click();
  await expect(dev.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await expect(dev.getByRole("menuitem", { name: "Admin" })).toHaveCount(0);
  await dev.keyboard.press("Escape");
  const adminPage = await dev.goto("/admin/tenants");
  expect(adminPage?.status()).toBe(404);
  expect((await dev.request.get("/api/v1/admin/tenants")).status()).toBe(403);

  // The owner sees the new member with the developer role.
  await owner.goto(`/${slug}/settings/members`);
  await expect(owner.getByTestId(`member-row-${devEmail}`)).toContainText(/developer/i);
  await ownerCtx.close();
  await devCtx.close();
});

test("the seeded platform admin signs in and sees the Admin area", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/demo\/functions/);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/tenants/);
  await expect(page.getByRole("link", { name: "Demo", exact: true })).toHaveAttribute("href", "/admin/tenants/demo");
  expect((await page.request.get("/api/v1/admin/tenants")).status()).toBe(200);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText(/invalid|wrong|incorrect/i);
  await expect(page).toHaveURL(/\/login/);
});
