import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { admin, runtimeUrl, signIn, unique } from "../helpers";

// Issue 5's journey: create from a template, edit in Monaco, deploy, see the new output, deploy
// again, roll back, get a compile error inline, and set a secret that never comes back.

const tenant = "demo";

// One line: typed key by key, Monaco auto-closes each bracket and quote and then types over the
// closing character, so the result is exactly this text (a newline would auto-indent and not overtype).
const source = (text: string) => `export default { async fetch(request: Request): Promise<Response> { return new Response("${text}"); } };`;

/** Replaces the open file's text the way a user would: focus, select all, type. */
async function replaceCode(page: Page, code: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText(code.replace(/ /g, "\u00a0"));
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 15_000 });
}

async function deploy(page: Page, message: string) {
  await page.getByTestId("deploy").click();
  await page.getByLabel("Message").fill(message);
  await page.getByTestId("confirm-deploy").click();
}

/** Null when nothing listens on the runtime port (the runtime is being built in parallel). */
async function runtimeGet(request: APIRequestContext, fn: string): Promise<string | null> {
  try {
    const res = await request.get(`${runtimeUrl}/`, { headers: { Host: `${fn}.${tenant}.edge.localhost` }, timeout: 5_000 });
    return await res.text();
  } catch (err) {
    if (/ECONNREFUSED|connect/i.test(String(err))) return null;
    throw err;
  }
}

/** What the function answers, through the runtime when it runs, else the live version's source. */
async function expectServes(request: APIRequestContext, page: Page, fn: string, text: string, version: number) {
  if ((await runtimeGet(request, fn)) !== null) {
    test.info().annotations.push({ type: "checked", description: `v${version} through the runtime` });
    await expect.poll(() => runtimeGet(request, fn), { timeout: 15_000 }).toContain(text);
    return;
  }
  // No runtime on this machine yet: check what the console made live instead.
  test.info().annotations.push({ type: "checked", description: `v${version} through the versions API (runtime not answering)` });
  const detail = await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}`)).json();
  expect(detail.liveVersion).toBe(version);
  const v = await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}/versions/${version}`)).json();
  expect(Object.values(v.files as Record<string, string>).join("\n")).toContain(text);
}

test("create from a template, edit, deploy, roll back, compile errors inline, write-only secrets", async ({ page, request }) => {
  test.setTimeout(180_000);
  const fn = unique("e2e-fn");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/demo\/functions/);

  await page.getByTestId("new-function").first().click();
  await page.getByLabel("Name").fill(fn);
  await page.getByTestId("template-hello").click();
  await page.getByRole("button", { name: "Create and deploy" }).click();
  await expect(page).toHaveURL(new RegExp(`/demo/functions/${fn}$`), { timeout: 30_000 });
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v1");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("Hello from the edge", { timeout: 60_000 });
  await expectServes(request, page, fn, "Hello from the edge", 1);

  // Edit and deploy: version 2 serves the new text.
  const first = unique("first-output");
  await replaceCode(page, source(first));
  await deploy(page, "first edit");
  await expect(page.getByText(/Version 2 (live|saved)/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v2");
  await expectServes(request, page, fn, first, 2);

  // Edit and deploy again: version 3; the deploy dialog shows the change.
  const second = unique("second-output");
  await replaceCode(page, source(second));
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deploy-changes")).toContainText(second);
  await expect(page.getByTestId("deploy-changes")).toContainText(first);
  await page.getByLabel("Message").fill("second edit");
  await page.getByTestId("confirm-deploy").click();
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v3", { timeout: 20_000 });
  await expectServes(request, page, fn, second, 3);

  // Roll back to version 1 from the versions tab.
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-row-3")).toContainText("Live");
  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByText(/Rolled back: Version 1/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v1");
  await expect(page.getByTestId("version-row-1")).toContainText("Live");
  await expectServes(request, page, fn, "Hello from the edge", 1);

  // A syntax error: the deploy is refused, the error is marked at its line, v1 stays live.
  await page.getByRole("tab", { name: "Code" }).click();
  await replaceCode(page, `${source("never")} const broken: = 1;`);
  await deploy(page, "broken");
  const errors = page.getByTestId("compile-errors");
  await expect(errors).toBeVisible({ timeout: 20_000 });
  await expect(errors).toContainText("Deploy refused");
  await expect(errors).toContainText("index.ts:1:");
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeAttached();
  const after = await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}`)).json();
  expect(after.liveVersion).toBe(1);
  const versions = await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}/versions`)).json();
  expect(versions.versions).toHaveLength(3);

  // A secret set in the UI is shown masked and never returned by the API or rendered in a page.
  const secretValue = unique("s3cr3t-value");
  await page.getByRole("tab", { name: /Variables/ }).click();
  await page.getByTestId("add-variable").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("API_KEY");
  await dialog.getByRole("switch", { name: "Secret" }).click();
  await dialog.getByLabel("Value").fill(secretValue);
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("variable-row-API_KEY")).toContainText("write-only");
  expect(await page.content()).not.toContain(secretValue);
  for (const path of ["/variables", "/variables/API_KEY", "", "/draft", "/versions"]) {
    const res = await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}${path}`);
    expect(res.status(), path).toBe(200);
    expect(await res.text(), path).not.toContain(secretValue);
  }
  await page.reload();
  await page.getByRole("tab", { name: /Variables/ }).click();
  await expect(page.getByTestId("variable-row-API_KEY")).toContainText("write-only");
  expect(await page.content()).not.toContain(secretValue);
});
