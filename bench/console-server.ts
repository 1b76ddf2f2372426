/**
 * The whole product for a benchmark: `node scripts/start.ts` (console + runtime) on free loopback
 * ports with a fresh data directory and a known admin, one runtime worker. `stop()` waits for the
 * processes to exit before it removes the data directory, so nothing writes into a deleted tree.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../runtime/test/free-port.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export type ConsoleServer = {
  api: string;
  runtimePort: number;
  /** Bearer headers of the seeded admin, for the REST API. */
  headers: Record<string, string>;
  stop(): Promise<void>;
};

export async function startConsole(name: string, env: Record<string, string> = {}): Promise<ConsoleServer> {
  const [port, runtimePort, internalPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `edgefn-bench-${name}-`));
  const admin = { email: "bench@edgefn.test", password: "bench-password-1" };
  const server = spawn(process.execPath, [path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RUNTIME_PORT: String(runtimePort),
      RUNTIME_INTERNAL_PORT: String(internalPort),
      RUNTIME_WORKERS: "1",
      NODE_ENV: "production",
      ...env,
    },
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });
  process.on("exit", () => {
    server.kill("SIGTERM");
    removeData();
  });

  const api = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  while (!(await fetch(`${api}/login`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error("console did not start within 10 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  const login = await fetch(`${api}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    api,
    runtimePort,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    async stop() {
      server.kill("SIGTERM");
      await exited;
      removeData();
    },
  };
}
