/**
 * The internal listener (127.0.0.1 only): health, readiness, Prometheus metrics, revision, and
 * `POST /preview` (bearer RUNTIME_TOKEN), the test console's one-off run of a draft or version.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TenantState } from "../protocol/index.ts";
import { PreviewJob, type PreviewResult, type PreviewRun } from "../protocol/preview.ts";

/** A preview carries compiled code, its source map and a request body: generous but bounded. */
const MAX_PREVIEW_JOB_BYTES = 32 * 1024 * 1024;

export interface InternalStatus {
  ready(): boolean;
  revision(): number;
  metrics(): Promise<{ contentType: string; body: string }>;
  details(): Record<string, unknown>;
  /** The shared console ↔ runtime token (null until the console generated it). */
  token(): string | null;
  tenant(tenantId: string): TenantState | null;
  preview(job: PreviewRun): Promise<PreviewResult>;
}

const digest = (s: string): Buffer => crypto.createHash("sha256").update(s, "utf8").digest();

/** Compares hashes so that the check leaks neither the token's content nor its length. */
function bearerMatches(header: string | undefined, token: string | null): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return Boolean(m && token && crypto.timingSafeEqual(digest(m[1]!), digest(token)));
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export class InternalServer {
  readonly #status: InternalStatus;
  readonly #port: number;
  #server: http.Server | null = null;

  constructor(status: InternalStatus, port: number) {
    this.#status = status;
    this.#port = port;
  }

  async start(): Promise<number> {
    const server = http.createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, "127.0.0.1", () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "/healthz") return send(200, { ok: true });
    if (path === "/readyz") return this.#status.ready() ? send(200, { ready: true, revision: this.#status.revision() }) : send(503, { ready: false });
    if (path === "/revision") return send(200, { revision: this.#status.revision(), ...this.#status.details() });
    if (path === "/preview") return this.#preview(req, send);
    if (path === "/metrics") {
      const m = await this.#status.metrics();
      res.writeHead(200, { "content-type": m.contentType });
      res.end(m.body);
      return;
    }
    send(404, { error: "not_found" });
  }

  async #preview(req: http.IncomingMessage, send: (status: number, body: unknown) => void): Promise<void> {
    if (req.method !== "POST") return send(405, { error: "method_not_allowed" });
    if (!bearerMatches(req.headers.authorization, this.#status.token())) return send(401, { error: "unauthorized" });
    const text = await readBody(req, MAX_PREVIEW_JOB_BYTES);
    if (text === null) return send(413, { error: "preview_too_large", limit_bytes: MAX_PREVIEW_JOB_BYTES });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(400, { error: "invalid_json" });
    }
    const job = PreviewJob.safeParse(json);
    if (!job.success) return send(400, { error: "invalid_preview", issues: job.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    const tenant = this.#status.tenant(job.data.function.tenantId);
    if (!tenant) return send(409, { error: "tenant_not_synced", message: "this node has not received the function's tenant yet" });
    try {
      send(200, await this.#status.preview({ ...job.data, tenant }));
    } catch (e) {
      send(503, { error: "preview_failed", message: e instanceof Error ? e.message : String(e) });
    }
  }

  async stop(): Promise<void> {
    const s = this.#server;
    this.#server = null;
    if (s) await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}
