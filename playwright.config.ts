import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Playwright evaluates this file in the runner and again in every worker: pick ports and a fresh
// data directory once and hand them down through the environment.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = String(await freePort());
  process.env.E2E_RUNTIME_PORT = String(await freePort());
  process.env.E2E_RUNTIME_INTERNAL_PORT = String(await freePort());
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-e2e-"));
  process.env.E2E_ADMIN_EMAIL = "admin@e2e.test";
  process.env.E2E_ADMIN_PASSWORD = "e2e-admin-password";
}
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Parallel runs in one tree (development) each need their own; Playwright empties it at start.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node scripts/start.ts",
    url: `${baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: port!,
      PUBLIC_URL: baseURL,
      DATA_DIR: process.env.E2E_DATA_DIR!,
      ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL!,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD!,
      RUNTIME_PORT: process.env.E2E_RUNTIME_PORT!,
      RUNTIME_INTERNAL_PORT: process.env.E2E_RUNTIME_INTERNAL_PORT!,
      RUNTIME_WORKERS: "1",
      // Metrics and logs reach the console within about a second (the live tail test allows 2 s).
      RUNTIME_FLUSH_MS: "500",
      NODE_ENV: "production",
    },
  },
});
