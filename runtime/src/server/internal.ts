/** The internal listener (127.0.0.1 only): health, readiness, Prometheus metrics, revision. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface InternalStatus {
  ready(): boolean;
  revision(): number;
  metrics(): Promise<{ contentType: string; body: string }>;
  details(): Record<string, unknown>;
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
    if (path === "/metrics") {
      const m = await this.#status.metrics();
      res.writeHead(200, { "content-type": m.contentType });
      res.end(m.body);
      return;
    }
    send(404, { error: "not_found" });
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
