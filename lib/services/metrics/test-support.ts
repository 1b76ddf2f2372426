// Fixtures for the metrics and logs route tests; imported only by *.test.ts files.
import crypto from "node:crypto";
import type { z } from "zod";
import { ingestLogs } from "@/lib/services/runtime/ingest-logs";
import { ingestMetrics } from "@/lib/services/runtime/ingest-metrics";
import { emptyRollup, PROTOCOL_VERSION, LogEntry, type Rollup } from "@/runtime/src/protocol";

const runtime = () => ({ kind: "runtime" as const, requestId: crypto.randomUUID() });

/** The start of the minute `minutesAgo` before now, as the runtime stamps rollups. */
export const minuteAgo = (minutesAgo: number, now = Date.now()) => new Date(Math.floor(now / 60_000) * 60_000 - minutesAgo * 60_000).toISOString();

export function rollup(over: Partial<Rollup> & Pick<Rollup, "tenantId" | "functionId" | "minute">): Rollup {
  return { ...emptyRollup({ tenantId: over.tenantId, functionId: over.functionId, version: over.version ?? 1, minute: over.minute }), ...over };
}

/** Stores rollups through the real ingest service, as a runtime node's flush would. */
export async function pushRollups(rollups: Rollup[]) {
  await ingestMetrics({ ctx: runtime(), input: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: "node-test", rollups } });
}

export async function pushLogs(logs: z.input<typeof LogEntry>[]) {
  await ingestLogs({ ctx: runtime(), input: { protocol: PROTOCOL_VERSION, batchId: crypto.randomUUID(), nodeId: "node-test", logs } });
}

type RouteHandler = (req: Request, rc: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The console's runtime-facing API on a real HTTP port, served by the real route handlers (as
 * `next start` would, minus the framework): lets a real runtime process talk to the test's database.
 */
export async function serveRuntimeApi(): Promise<{ url: string; close: () => Promise<void> }> {
  const http = await import("node:http");
  const routes: Record<string, Partial<Record<"GET" | "POST", RouteHandler>>> = {
    changes: await import("@/app/api/internal/runtime/changes/route"),
    snapshot: await import("@/app/api/internal/runtime/snapshot/route"),
    heartbeat: await import("@/app/api/internal/runtime/heartbeat/route"),
    metrics: await import("@/app/api/internal/runtime/metrics/route"),
    logs: await import("@/app/api/internal/runtime/logs/route"),
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const name = url.pathname.replace(/^\/api\/internal\/runtime\//, "");
    const handler = routes[name]?.[req.method as "GET" | "POST"];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const ac = new AbortController();
    res.on("close", () => ac.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    try {
      const out = await handler(new Request(url, { method: req.method, headers, body, signal: ac.signal }), { params: Promise.resolve({}) });
      res.writeHead(out.status, Object.fromEntries(out.headers));
      res.end(Buffer.from(await out.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
