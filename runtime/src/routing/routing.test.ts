/**
 * Custom domains and rollouts through a whole runtime node (real isolates, real HTTP) fed by the
 * stand-in console's change feed: a route reaches its function within a second, a detached route
 * answers a clear 404, a 50/50 split holds within ±5 % and a sticky client never switches sides.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalLink } from "../cluster/local-link.ts";
import { loadEnv } from "../env.ts";
import { RuntimeNode } from "../node.ts";
import type { DomainState, FunctionState, RouteState } from "../protocol/index.ts";
import { fn, request, tenant, waitFor } from "../../test/helpers.ts";
import { StandInConsole } from "../../test/stand-in-console.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-routing-"));
const stand = new StandInConsole({ holdMs: 500 });
let node: RuntimeNode;
let v1: FunctionState;
let v2: FunctionState;

const HOST = "shop.example.localhost";
const domain: DomainState = { domainId: "d1", tenantId: "t1", hostname: HOST, verified: true };
const cart: RouteState = { routeId: "r1", tenantId: "t1", domainId: "d1", functionId: "t1-shop", pattern: "/api/*", methods: null, priority: 0 };

beforeAll(async () => {
  await stand.start();
  fs.mkdirSync(path.join(dataDir, "secrets"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, "secrets", "runtime-token"), stand.token);
  stand.push({ kind: "tenant.upserted", tenant: tenant("t1", "acme") });
  stand.push({ kind: "tenant.upserted", tenant: tenant("t2", "evil") });
  v1 = await fn("t1", "shop", "whoami.ts", { vars: { VERSION: "v1" } });
  // Variables belong to the function (both versions see the live ones): v2 differs by its code.
  v2 = { ...v1, version: 2, code: v1.code.replace(/env\.VERSION \?\? "\?"/, '"v2"') };
  if (v2.code === v1.code) throw new Error("fixture changed: could not derive v2");
  stand.push({ kind: "function.deployed", function: v1 });
  const env = loadEnv({ RUNTIME_PORT: "0", RUNTIME_INTERNAL_PORT: "0", RUNTIME_HOST: "127.0.0.1", DATA_DIR: dataDir, CONSOLE_URL: stand.url, RUNTIME_WORKERS: "0", RUNTIME_FLUSH_MS: "500", RUNTIME_HEARTBEAT_MS: "300" });
  node = new RuntimeNode(env, (sink) => new LocalLink(env, sink));
  await node.start();
  await waitFor(async () => (await request(node.publicPort, "shop.acme.edge.localhost")).status === 200, 10_000, "function live");
});

afterAll(async () => {
  await node.stop();
  await stand.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** waitFor for a reply: the condition returns the reply or null. */
const until = async <T>(cond: () => Promise<T | null>, ms: number, what: string): Promise<T> => (await waitFor(cond, ms, what))!;
const json = (body: string) => JSON.parse(body) as { version: string; host: string; path: string; error?: string; message?: string };

describe("domains and routes", () => {
  it("a route reaches the function within a second; the function sees the original host and path", async () => {
    stand.push({ kind: "domain.upserted", domain });
    const t0 = Date.now();
    stand.push({ kind: "route.upserted", route: cart });
    const r = await until(async () => {
      const res = await request(node.publicPort, HOST, "/api/cart?x=1");
      return res.status === 200 ? res : null;
    }, 1000, "route live within a second");
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(json(r.body)).toMatchObject({ version: "v1", host: HOST, path: "/api/cart" });
    // A path the route does not cover.
    const miss = await request(node.publicPort, HOST, "/checkout");
    expect(miss.status).toBe(404);
    expect(json(miss.body)).toMatchObject({ error: "no_route", message: `No route on "${HOST}" matches GET /checkout.` });
  });

  it("detaching the route answers 404 with a clear body", async () => {
    stand.push({ kind: "route.deleted", routeId: "r1", tenantId: "t1" });
    const r = await until(async () => {
      const res = await request(node.publicPort, HOST, "/api/cart");
      return res.status === 404 ? res : null;
    }, 2000, "route gone");
    expect(json(r.body).error).toBe("no_route");
    expect(json(r.body).message).toContain(HOST);
  });

  it("an unverified domain does not serve, and a route of another tenant on it is ignored", async () => {
    stand.push({ kind: "domain.upserted", domain: { ...domain, verified: false } });
    stand.push({ kind: "route.upserted", route: cart });
    const r = await until(async () => {
      const res = await request(node.publicPort, HOST, "/api/cart");
      return json(res.body).error === "domain_not_verified" ? res : null;
    }, 2000, "unverified");
    expect(r.status).toBe(404);
    expect(json(r.body).message).toContain("not verified");
    stand.push({ kind: "domain.upserted", domain });
    // Tenant t2 points a route of its own at t1's domain: the runtime refuses it too.
    stand.push({ kind: "route.upserted", route: { ...cart, routeId: "evil", tenantId: "t2", pattern: "/admin" } });
    await waitFor(async () => (await request(node.publicPort, HOST, "/api/cart")).status === 200, 2000, "verified again");
    expect((await request(node.publicPort, HOST, "/admin")).status).toBe(404);
  });
});

describe("gradual rollout", () => {
  it("splits 50/50 within ±5 % over 2,000 requests", async () => {
    stand.push({ kind: "rollout.set", rollout: { functionId: v1.functionId, tenantId: "t1", percent: 50, sticky: { kind: "header", name: "x-user" }, candidate: v2 } });
    await waitFor(async () => json((await request(node.publicPort, HOST, "/api/a", { headers: { "x-user": "probe-2" } })).body).version !== "?", 5000, "rollout applied");
    await waitFor(async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) seen.add(json((await request(node.publicPort, HOST, "/api/a")).body).version);
      return seen.size === 2;
    }, 5000, "both versions answering");
    const counts: Record<string, number> = { v1: 0, v2: 0 };
    const N = 2000;
    for (let i = 0; i < N; i += 50) {
      // Each request is a different client (no sticky key): 50 at a time over keep-alive-free sockets.
      const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => request(node.publicPort, HOST, `/api/${i + j}`, { headers: { "x-user": `client-${i + j}` } })));
      for (const r of batch) counts[json(r.body).version]!++;
    }
    expect(counts.v1! + counts.v2!).toBe(N);
    expect(Math.abs(counts.v2! / N - 0.5)).toBeLessThanOrEqual(0.05);
  });

  it("a sticky client always sees the same version (tenant header, and the runtime's own cookie)", async () => {
    for (const user of ["alice", "bob", "carol", "dave"]) {
      const versions = new Set<string>();
      for (let i = 0; i < 30; i++) versions.add(json((await request(node.publicPort, HOST, "/api/x", { headers: { "x-user": user } })).body).version);
      expect(versions.size).toBe(1);
    }
    stand.push({ kind: "rollout.set", rollout: { functionId: v1.functionId, tenantId: "t1", percent: 50, sticky: { kind: "cookie", name: null }, candidate: v2 } });
    let first = await request(node.publicPort, HOST, "/api/x");
    await waitFor(async () => {
      first = await request(node.publicPort, HOST, "/api/x");
      return first.headers["set-cookie"];
    }, 5000, "runtime sets its sticky cookie");
    const cookie = String(first.headers["set-cookie"]![0]).split(";")[0]!;
    expect(cookie).toMatch(/^efn_sticky=/);
    const versions = new Set<string>([json(first.body).version]);
    for (let i = 0; i < 40; i++) {
      const r = await request(node.publicPort, HOST, "/api/x", { headers: { cookie } });
      expect(r.headers["set-cookie"]).toBeUndefined();
      versions.add(json(r.body).version);
    }
    expect(versions.size).toBe(1);
  });

  it("clearing the rollout sends everything back to the live version", async () => {
    stand.push({ kind: "rollout.cleared", functionId: v1.functionId, tenantId: "t1" });
    await waitFor(async () => {
      for (let i = 0; i < 20; i++) if (json((await request(node.publicPort, HOST, "/api/x", { headers: { "x-user": `u${i}` } })).body).version !== "v1") return false;
      return true;
    }, 5000, "only v1");
  });
});
