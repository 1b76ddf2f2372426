/** The public HTTP listener: Host header -> tenant -> function -> live version's pool. */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseHost } from "../routing/state.ts";
import { routeMissBody } from "../routing/miss.ts";
import type { Engine } from "./engine.ts";
import { TenantGate } from "./fairness.ts";
import { invoke, type InvokeDeps } from "./invoke.ts";
import { sendJson } from "./respond.ts";

export interface PublicServerOptions {
  port: number;
  host: string;
  baseDomain: string;
}

export class PublicServer {
  readonly #engine: Engine;
  readonly #deps: InvokeDeps;
  readonly #opts: PublicServerOptions;
  #server: http.Server | null = null;
  /** The last Host header parsed and its result: keep-alive clients send the same one each time. */
  #lastHost: string | undefined = undefined;
  #lastTarget: ReturnType<typeof parseHost> = null;

  constructor(engine: Engine, deps: InvokeDeps, opts: PublicServerOptions) {
    this.#engine = engine;
    // One admission gate per listener (per worker): tenants share this process's CPU.
    this.#deps = { ...deps, gate: deps.gate ?? new TenantGate() };
    this.#opts = opts;
  }

  /** Starts listening; resolves with the bound port (useful with port 0 in tests). */
  async start(): Promise<number> {
    const server = http.createServer((req, res) => this.#handle(req, res));
    server.keepAliveTimeout = 65_000;
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#opts.port, this.#opts.host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const requestId = crypto.randomUUID();
    const host = req.headers.host;
    if (host !== this.#lastHost) {
      this.#lastTarget = parseHost(host, this.#opts.baseDomain);
      this.#lastHost = host;
    }
    const target = this.#lastTarget;
    // Not a default hostname: the tenants' own domains and routes decide.
    const route = target ? this.#engine.route(target.fn, target.tenant, req.headers) : this.#engine.routeDomain(req.headers.host, req.method ?? "GET", req.url, req.headers);
    if (route && "ok" in route) {
      req.resume();
      sendJson(res, 404, routeMissBody(route, req.method ?? "GET", req.url, this.#opts.baseDomain, requestId), requestId);
      return;
    }
    if (!route || !route.pool) {
      req.resume();
      sendJson(res, 404, { error: "not_found", message: `No function is deployed at host "${req.headers.host ?? ""}". Expected <function>.<tenant>.${this.#opts.baseDomain}`, request_id: requestId }, requestId);
      return;
    }
    if (route.setCookie) res.appendHeader("set-cookie", route.setCookie);
    if (route.tenant.status === "suspended") {
      req.resume();
      sendJson(res, 403, { error: "tenant_suspended", message: `Tenant "${route.tenant.slug}" is suspended by the platform administrator; its functions do not serve until it is resumed.`, request_id: requestId }, requestId);
      return;
    }
    const refusal = this.#deps.meter.refusing?.();
    if (refusal) {
      // Running the request would serve it unmetered: refuse before any tenant code runs.
      req.resume();
      res.setHeader("retry-after", "1");
      sendJson(res, 503, { error: "node_unavailable", message: `This node cannot take requests now: ${refusal}. Retry shortly or on another node.`, request_id: requestId }, requestId);
      return;
    }
    if (route.tenant.quota) {
      // The console computed it from metered usage and pushed it through the change feed.
      req.resume();
      sendJson(res, 429, { error: "quota_exceeded", quota: route.tenant.quota.quota, message: route.tenant.quota.message, request_id: requestId }, requestId);
      return;
    }
    invoke(req, res, route.tenant, route.pool, requestId, this.#deps).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: "internal_error", request_id: requestId }, requestId);
      else res.destroy();
    });
  }

  /** Stops accepting connections and closes idle keep-alive sockets. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    // Answers held for the journal's batched write go out before their connections close.
    this.#deps.meter.flush?.();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
