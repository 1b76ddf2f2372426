// A real runtime node in the test process, synced from the console's real internal routes over
// HTTP; imported only by *.test.ts files. Start it before anything reads lib/env (top-level await
// in the test file), because the console finds the runtime through RUNTIME_INTERNAL_PORT.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { GET as CHANGES } from "@/app/api/internal/runtime/changes/route";
import { POST as HEARTBEAT } from "@/app/api/internal/runtime/heartbeat/route";
import { POST as LOGS } from "@/app/api/internal/runtime/logs/route";
import { POST as METRICS } from "@/app/api/internal/runtime/metrics/route";
import { GET as SNAPSHOT } from "@/app/api/internal/runtime/snapshot/route";
import { LocalLink } from "@/runtime/src/cluster/local-link";
import { loadEnv } from "@/runtime/src/env";
import { RuntimeNode } from "@/runtime/src/node";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, Handler> = { snapshot: SNAPSHOT, changes: CHANGES, heartbeat: HEARTBEAT, metrics: METRICS, logs: LOGS };

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Serves /api/internal/runtime/* with the console's own route handlers. */
async function startFeed(): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const name = (req.url ?? "").split("?")[0]!.replace("/api/internal/runtime/", "");
    const handler = ROUTES[name];
    if (!handler) return void res.writeHead(404).end();
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const r = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body, signal: abort.signal }), { params: Promise.resolve({}) });
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return server;
}

/** Picks the runtime's internal port and tells the console about it (before lib/env is read). */
export async function reserveRuntimePort(): Promise<number> {
  const port = await freePort();
  process.env.RUNTIME_INTERNAL_PORT = String(port);
  return port;
}

/** Starts a runtime node (in-process engine) synced from this console; stop() ends both. */
export async function startRuntime(internalPort: number, token: string) {
  const feed = await startFeed();
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
