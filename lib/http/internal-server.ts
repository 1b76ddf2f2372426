import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as changes from "@/app/api/internal/runtime/changes/route";
import * as heartbeat from "@/app/api/internal/runtime/heartbeat/route";
import * as logs from "@/app/api/internal/runtime/logs/route";
import * as metrics from "@/app/api/internal/runtime/metrics/route";
import * as snapshot from "@/app/api/internal/runtime/snapshot/route";

type Handler = (req: Request, rc: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The runtime-facing routes, by "METHOD path": the same handlers Next.js serves at these paths. */
const ROUTES = new Map<string, Handler>([
  ["GET /api/internal/runtime/changes", changes.GET],
  ["GET /api/internal/runtime/snapshot", snapshot.GET],
  ["POST /api/internal/runtime/heartbeat", heartbeat.POST],
  ["POST /api/internal/runtime/metrics", metrics.POST],
  ["POST /api/internal/runtime/logs", logs.POST],
]);

const NO_PARAMS = { params: Promise.resolve({}) };

/**
 * The runtime-facing API (`/api/internal/runtime/*`) on a plain node:http listener in the console
 * process, beside Next.js. Runtime nodes call it several times a second (the change feed's
 * long-poll, heartbeats, metrics and log batches), and two of those calls sit between a deploy's
 * commit and "live": Next's request pipeline costs ~3 ms per call on these machines, this
 * listener a fraction of that. Same handlers (the route modules' exports), same bearer
 * RUNTIME_TOKEN, same database handle. Next keeps serving the same paths, for runtime nodes that
 * reach the console through its public address.
 */
export function startInternalServer(port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => void serve(req, res));
  // Long-polls are held ~25 s; idle sockets outlive the runtime's keep-alive (as in start.ts).
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://internal");
  const handler = ROUTES.get(`${req.method} ${url.pathname}`);
  if (!handler) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: `No runtime API at ${req.method} ${url.pathname}.` } }));
    req.resume();
    return;
  }
  // A runtime that hangs up ends its long-poll (the handler sees request.signal).
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "internal"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    signal: abort.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
  try {
    const response = await handler(request, NO_PARAMS);
    const body = Buffer.from(await response.arrayBuffer());
    const head: Record<string, string> = {};
    response.headers.forEach((v, k) => (head[k] = v));
    head["content-length"] = String(body.length);
    res.writeHead(response.status, head).end(body);
  } catch (e) {
    // The handlers answer every error themselves; this is a bug or a client gone mid-answer.
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "internal_error", message: "internal error" } }));
    else res.destroy();
    if (!abort.signal.aborted) console.error("internal runtime API:", e);
  }
}

/** The port a started server listens on (tests start it on port 0). */
export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
