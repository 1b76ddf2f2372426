// A real runtime node in the test process, synced from the console's real internal routes over
// HTTP; imported only by *.test.ts files. Start it before anything reads lib/env (top-level await
// in the test file), because the console finds the runtime through RUNTIME_INTERNAL_PORT.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startInternalServer } from "@/lib/http/internal-server";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { LocalLink } from "@/runtime/src/cluster/local-link";
import { loadEnv } from "@/runtime/src/env";
import { RuntimeNode } from "@/runtime/src/node";
import { freePort } from "@/runtime/test/free-port";
import { world } from "./test-support";

/** Picks the runtime's internal port and tells the console about it (before lib/env is read). */
export async function reserveRuntimePort(): Promise<number> {
  const port = await freePort();
  process.env.RUNTIME_INTERNAL_PORT = String(port);
  return port;
}

/** Starts a runtime node (in-process engine) synced from this console; stop() ends both. */
export async function startRuntime(internalPort: number, token: string) {
  // The console's own runtime-facing listener, as `npm start` runs it.
  const feed = await startInternalServer(0, "127.0.0.1");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-rt-"));
  const env = loadEnv({
    RUNTIME_PORT: "0",
    RUNTIME_INTERNAL_PORT: String(internalPort),
    RUNTIME_HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    CONSOLE_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}`,
    RUNTIME_TOKEN: token,
    RUNTIME_WORKERS: "0",
    RUNTIME_HEARTBEAT_MS: "60000",
    RUNTIME_FLUSH_MS: "60000",
  });
  const node = new RuntimeNode(env, (sink) => new LocalLink(env, sink));
  await node.start();
  return {
    node,
    /** Resolves once the node has applied at least `revision`. */
    async synced(revision: number, ms = 10_000) {
      const end = Date.now() + ms;
      while (node.link.appliedRevision() < revision) {
        if (Date.now() > end) throw new Error(`runtime did not reach revision ${revision} within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await node.stop();
      feed.closeAllConnections();
      await new Promise((r) => feed.close(r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file (top-level await, before anything reads lib/env): the console's test world
 * and a runtime node synced from it, made before the file's tests and stopped after them.
 */
export async function worldWithRuntime() {
  const port = await reserveRuntimePort();
  let w: Awaited<ReturnType<typeof world>> | undefined;
  let runtime: Awaited<ReturnType<typeof startRuntime>> | null = null;
  beforeAll(async () => {
    w = await world();
    runtime = await startRuntime(port, runtimeToken());
    await runtime.synced(1);
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  return {
    get w() {
      return w!;
    },
    get runtime() {
      return runtime!;
    },
    /** Stops the runtime before the file ends (tests of "no runtime answers"). */
    async stopRuntime() {
      await runtime?.stop();
      runtime = null;
    },
  };
}
