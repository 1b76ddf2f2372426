// Test support: serves the console's real runtime-facing routes over HTTP in this process, so a
// real runtime node can sync and flush against the real services and database. Tests only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as changes from "@/app/api/internal/runtime/changes/route";
import * as heartbeat from "@/app/api/internal/runtime/heartbeat/route";
import * as logs from "@/app/api/internal/runtime/logs/route";
import * as metrics from "@/app/api/internal/runtime/metrics/route";
import * as snapshot from "@/app/api/internal/runtime/snapshot/route";

type Handler = (req: Request, rc: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, Handler> = {
  "GET /api/internal/runtime/snapshot": snapshot.GET,
  "GET /api/internal/runtime/changes": changes.GET,
  "POST /api/internal/runtime/heartbeat": heartbeat.POST,
  "POST /api/internal/runtime/metrics": metrics.POST,
  "POST /api/internal/runtime/logs": logs.POST,
};

export async function startConsoleBridge(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = ROUTES[`${req.method} ${url.pathname}`];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const out = await handler(new Request(url, { method: req.method, headers, body, signal: abort.signal }), { params: Promise.resolve({}) });
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
