import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { admin, runtimeUrl, signIn, unique } from "../helpers";

// Issue 5's journey: create from a template, edit in Monaco, deploy, see the new output, deploy
// again, roll back, get a compile error inline, run the draft in the test console (its console.log
// output shown), and use a secret in the code that never comes back from any API, page or log.

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

/** Opens the function's public URL in a browser tab (Chromium resolves *.localhost to loopback). */
async function expectServes(page: Page, fn: string, text: string) {
  const site = await page.context().newPage();
  const url = `http://${fn}.${tenant}.edge.localhost:${new URL(runtimeUrl).port}/`;
  await expect
    .poll(async () => {
      const res = await site.goto(url);
      return res?.ok() ? await site.locator("body").innerText() : `status ${res?.status()}`;
    }, { timeout: 15_000 })
    .toContain(text);
  await site.close();
}

/** Every file under `dir` (database, runtime snapshot, journals), searched as bytes. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const want = Buffer.from(needle, "utf8");
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(want)) hits.push(file);
  }
  return hits;
}

test("create from a template, edit, deploy, roll back, compile errors inline, test console, write-only secrets", async ({ page }) => {
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
  await expectServes(page, fn, "Hello from the edge");

  // Edit and deploy: version 2 serves the new text.
  const first = unique("first-output");
  await replaceCode(page, source(first));
  await deploy(page, "first edit");
  await expect(page.getByText(/Version 2 (live|saved)/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v2");
  await expectServes(page, fn, first);

  // Edit and deploy again: version 3; the deploy dialog shows the change.
  const second = unique("second-output");
  await replaceCode(page, source(second));
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deploy-changes")).toContainText(second);
  await expect(page.getByTestId("deploy-changes")).toContainText(first);
  await page.getByLabel("Message").fill("second edit");
  await page.getByTestId("confirm-deploy").click();
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v3", { timeout: 20_000 });
  await expectServes(page, fn, second);

  // Roll back to version 1 from the versions tab.
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-row-3")).toContainText("Live");
  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByText(/Rolled back: Version 1/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v1");
  await expect(page.getByTestId("version-row-1")).toContainText("Live");
  await expectServes(page, fn, "Hello from the edge");

  // A syntax error: the deploy is refused, the error is marked at its line, v1 stays live.
  await page.getByRole("tab", { name: "Code" }).click();
  await replaceCode(page, `${source("never")} const broken: = 1;`);
  await deploy(page, "broken");
  const errors = page.getByTestId("compile-errors");
  await expect(errors).toBeVisible({ timeout: 20_000 });
  await expect(errors).toContainText("Deploy refused");
  await expect(errors).toContainText("index.ts:1:");
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeAttached();

  // A top level that throws: refused too, with where and what it logged before it threw.
  await replaceCode(page, `console.warn("region:", "none"); if (Date.now() > 0) throw new Error("no region configured"); ${source("never")}`);
  await deploy(page, "throws");
  await expect(errors).toContainText("the module threw while starting", { timeout: 20_000 });
  await expect(errors).toContainText("index.ts:1:");
  await expect(errors.getByTestId("startup-output")).toContainText("region: none");
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

  // Code that uses the secret without printing it: it answers the secret's SHA-256.
  const probe = unique("probe");
  const digest = crypto.createHash("sha256").update(secretValue).digest("hex");
  const usesSecret = [
    "export default {",
    "  async fetch(request: Request, env: { API_KEY: string }): Promise<Response> {",
    `    console.log("${probe}", request.method, new URL(request.url).pathname);`,
    '    const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(env.API_KEY));',
    '    const hex = Array.from(new Uint8Array(d), (byte) => byte.toString(16).padStart(2, "0")).join("");',
    '    return new Response("sha256:" + hex);',
    "  },",
    "};",
    "",
  ].join("\n");
  await page.getByRole("tab", { name: "Code" }).click();
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // Pasted, as a user would bring in a larger snippet (typed key by key, Monaco would auto-close
  // brackets and IntelliSense would complete identifiers on the way).
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), usesSecret);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("sha256:");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 15_000 });

  // The test console runs the unsaved-or-saved draft (v1 is still live) and shows its console output.
  await page.getByRole("tab", { name: "Test console" }).click();
  await page.getByLabel("Path").fill("/from-the-console");
  await page.getByTestId("test-run").click();
  await expect(page.getByTestId("test-status")).toHaveText("200", { timeout: 20_000 });
  await expect(page.getByTestId("test-body")).toHaveText(`sha256:${digest}`);
  await expect(page.getByTestId("test-logs")).toContainText(`${probe} GET /from-the-console`);
  await expect(page.getByTestId("test-wall")).toHaveText(/\d+\.\d ms/);
  await expect(page.getByTestId("test-cpu")).toHaveText(/\d+\.\d ms/);
  expect((await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}`)).json()).liveVersion).toBe(1);
  // The draft is not routed publicly: the URL still serves live version 1.
  await expectServes(page, fn, "Hello from the edge");

  // Deployed, the function serves the secret's digest at its URL.
  await deploy(page, "uses the secret");
  await expect(page.getByTestId("function-live-version")).toHaveText("Live: v4", { timeout: 20_000 });
  await expectServes(page, fn, `sha256:${digest}`);

  // The live version in the test console, then: no page, API response or log holds the secret.
  await page.getByRole("tab", { name: "Test console" }).click();
  await page.getByTestId("test-target").click();
  await page.getByRole("option", { name: /Live/ }).click();
  await page.getByTestId("test-run").click();
  await expect(page.getByTestId("test-body")).toHaveText(`sha256:${digest}`, { timeout: 20_000 });
  await expect(page.getByText("live v4")).toBeVisible();
  expect(await page.content()).not.toContain(secretValue);
  for (const sub of ["/variables", "/variables/API_KEY", "", "/draft", "/versions", "/versions/4", "/versions/4?include=compiled", "/logs"]) {
    const res = await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}${sub}`);
    expect(res.status(), sub).toBe(200);
    expect(await res.text(), sub).not.toContain(secretValue);
  }
  const tested = await page.request.post(`/api/v1/tenants/${tenant}/functions/${fn}/test`, { data: { target: "live" } });
  expect(await tested.text()).not.toContain(secretValue);
  // The function's logs reached the console (the probe line), and none of them holds the secret.
  await expect.poll(async () => (await (await page.request.get(`/api/v1/tenants/${tenant}/functions/${fn}/logs?q=${probe}`)).json()).logs.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const audit = await page.request.get(`/api/v1/admin/audit?tenant=${tenant}&limit=200`);
  expect(audit.status()).toBe(200);
  expect(await audit.text()).not.toContain(secretValue);
  // Nor does anything on disk: database files, the runtime's snapshot, journals and outbox.
  expect(filesContaining(process.env.E2E_DATA_DIR!, secretValue)).toEqual([]);
  await page.reload();
  await page.getByRole("tab", { name: /Variables/ }).click();
  await expect(page.getByTestId("variable-row-API_KEY")).toContainText("write-only");
  expect(await page.content()).not.toContain(secretValue);
});
