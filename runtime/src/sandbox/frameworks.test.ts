/**
 * Real frameworks run unchanged: a Hono app and an itty-router app, each bundled with esbuild from
 * its npm package (as the console bundles a version), deployed as tenant functions into a real
 * engine and driven over HTTP.
 */
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, stateWith, tenant } from "../../test/helpers.ts";
import { Watchdog } from "../isolates/watchdog.ts";
import type { FunctionState, LogEntry } from "../protocol/index.ts";
import { Engine } from "../server/engine.ts";
import { PublicServer } from "../server/public.ts";

const BASE = "edge.localhost";
const DIR = path.join(import.meta.dirname, "..", "..", "test", "frameworks");
const logs: LogEntry[] = [];
const engine = new Engine({ maxInstances: 2, egress: { allowPrivate: false }, openSecret: (s) => s });
const watchdog = new Watchdog();
const server = new PublicServer(engine, { meter: { record: () => undefined, log: (l) => logs.push(l) }, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: BASE });
let port = 0;

async function bundle(name: string, file: string, vars: Record<string, string> = {}): Promise<FunctionState> {
  const out = await build({ entryPoints: [path.join(DIR, file)], bundle: true, format: "esm", target: "es2022", platform: "neutral", mainFields: ["module", "main"], write: false, logLevel: "silent" });
  return { functionId: `fw-${name}`, tenantId: "fw", name, version: 1, code: out.outputFiles[0]!.text, sourceMap: "", vars, secrets: {} };
}

beforeAll(async () => {
  const fns = await Promise.all([bundle("hono", "hono-app.ts", { GREETING: "hello" }), bundle("itty", "itty-app.ts")]);
  await engine.reconcile(stateWith([tenant("fw", "fw")], fns));
  port = await server.start();
});

afterAll(async () => {
  await server.stop();
  watchdog.stop();
  engine.stop();
});

const hono = `hono.fw.${BASE}`;
const itty = `itty.fw.${BASE}`;

describe("Hono", () => {
  it("serves text with env bindings", async () => {
    const r = await request(port, hono, "/");
    expect([r.status, r.body]).toEqual([200, "hello from hono"]);
  });

  it("routes with params, reads headers and query, runs middleware", async () => {
    const r = await request(port, hono, "/api/users/42?q=find", { headers: { "user-agent": "conformance-agent" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(r.headers["x-middleware"]).toBe("ran");
    expect(JSON.parse(r.body)).toEqual({ id: "42", agent: "conformance-agent", q: "find" });
  });

  it("parses JSON bodies and sets status", async () => {
    const r = await request(port, hono, "/api/echo", { method: "POST", body: JSON.stringify({ a: [1, 2] }), headers: { "content-type": "application/json" } });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toEqual({ received: { a: [1, 2] }, type: "application/json" });
  });

  it("matches regexp params", async () => {
    const r = await request(port, hono, "/api/posts/hello-world/comments/7");
    expect(JSON.parse(r.body)).toEqual({ slug: "hello-world", n: "7" });
    expect((await request(port, hono, "/api/posts/Bad_Slug/comments/7")).status).toBe(404);
  });

  it("streams a response", async () => {
    const r = await request(port, hono, "/stream");
    expect(r.status).toBe(200);
    expect(r.headers["transfer-encoding"]).toBe("chunked");
    expect(r.body).toBe("streamed by hono");
  });

  it("uses onError and notFound, and its logger middleware writes to the function's logs", async () => {
    const e = await request(port, hono, "/error");
    expect([e.status, JSON.parse(e.body)]).toEqual([500, { error: "handled by onError" }]);
    const n = await request(port, hono, "/nowhere");
    expect([n.status, JSON.parse(n.body)]).toEqual([404, { error: "no route" }]);
    expect(logs.some((l) => l.functionId === "fw-hono" && /--> GET \/nowhere/.test(l.message))).toBe(true);
  });
});

describe("itty-router", () => {
  it("returns a route's value (AutoRouter formats it as JSON)", async () => {
    const r = await request(port, itty, "/");
    expect([r.status, JSON.parse(r.body)]).toEqual([200, "hello from itty"]);
  });

  it("runs middleware, params and query, and formats objects as JSON", async () => {
    const r = await request(port, itty, "/items/9?sort=asc", { headers: { "x-user": "ada" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ id: "9", sort: "asc", user: "ada" });
  });

  it("reads JSON bodies", async () => {
    const r = await request(port, itty, "/items", { method: "POST", body: JSON.stringify({ name: "x" }), headers: { "content-type": "application/json" } });
    expect([r.status, JSON.parse(r.body)]).toEqual([201, { created: { name: "x" } }]);
  });

  it("maps errors and missing routes", async () => {
    expect(JSON.parse((await request(port, itty, "/teapot")).body)).toEqual({ status: 418, error: "I'm a teapot" });
    const thrown = await request(port, itty, "/throws");
    expect([thrown.status, JSON.parse(thrown.body)]).toEqual([400, { status: 400, error: "bad input" }]);
    expect((await request(port, itty, "/missing")).status).toBe(404);
  });
});
