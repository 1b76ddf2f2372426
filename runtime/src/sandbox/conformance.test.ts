/**
 * Web platform conformance INSIDE the real runtime: each fixture in runtime/test/conformance is
 * compiled like a tenant version, deployed into a real Engine behind a real HTTP server, and runs
 * its assertions in the isolate; the response carries the tally. fetch() targets a loopback server
 * that only this test's egress policy allows.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, stateWith, tenant } from "../../test/helpers.ts";
import { Watchdog } from "../isolates/watchdog.ts";
import type { FunctionState, LogEntry } from "../protocol/index.ts";
import { Engine } from "../server/engine.ts";
import { PublicServer } from "../server/public.ts";

const BASE = "edge.localhost";
const DIR = path.join(import.meta.dirname, "..", "..", "test", "conformance");
const SUITES = ["fetch-api", "fetch-network", "streams", "url-encoding", "data", "crypto", "globals"];
/** The issue asks for at least this many assertions across the surface. */
const MIN_ASSERTIONS = 300;

const logs: LogEntry[] = [];
const engine = new Engine({ maxInstances: 2, egress: { allowPrivate: false, allowAddress: (a) => a === "127.0.0.1" }, openSecret: (s) => s });
const watchdog = new Watchdog();
const server = new PublicServer(engine, { meter: { record: () => undefined, log: (l) => logs.push(l) }, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: BASE });
let port = 0;
let origin = "";

/** The loopback server fetch() talks to: echo, redirects, cookies, streamed and hanging bodies. */
const target = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (url.pathname === "/echo") {
      res.setHeader("content-type", "application/json");
      res.end(req.method === "HEAD" ? undefined : JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }));
    } else if (url.pathname === "/redirect") {
      res.writeHead(302, { location: "/echo" }).end();
    } else if (url.pathname === "/redirect303") {
      res.writeHead(303, { location: "/echo" }).end();
    } else if (url.pathname === "/cookies") {
      res.writeHead(200, [["set-cookie", "a=1"], ["set-cookie", "b=2"]]).end("c");
    } else if (url.pathname === "/status/204") {
      res.writeHead(204).end();
    } else if (url.pathname === "/chunks") {
      res.write("one");
      setTimeout(() => res.write("two"), 5);
      setTimeout(() => res.end("three"), 10);
    } else if (url.pathname === "/slow") {
      const t = setTimeout(() => res.end("late"), 5000);
      res.on("close", () => clearTimeout(t));
    } else if (url.pathname === "/hang-body") {
      res.writeHead(200).write("partial");
      const t = setTimeout(() => res.end(), 5000);
      res.on("close", () => clearTimeout(t));
    } else res.writeHead(404).end();
  });
});

async function compile(name: string): Promise<FunctionState> {
  const out = await build({ entryPoints: [path.join(DIR, `${name}.js`)], bundle: true, format: "esm", target: "es2022", platform: "neutral", write: false, logLevel: "silent" });
  return { functionId: `conf-${name}`, tenantId: "conf", name, version: 1, code: out.outputFiles[0]!.text, sourceMap: "", vars: { ORIGIN: origin }, secrets: {} };
}

beforeAll(async () => {
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const fns = await Promise.all([...SUITES, "chunks"].map(compile));
  await engine.reconcile(stateWith([tenant("conf", "conf", { cpuMs: 10_000, wallMs: 30_000, memoryMb: 128 })], fns));
  port = await server.start();
});

afterAll(async () => {
  await server.stop();
  watchdog.stop();
  engine.stop();
  target.closeAllConnections();
  await new Promise((r) => target.close(r));
});

interface Tally {
  passed: number;
  failed: number;
  failures: string[];
}
const tallies = new Map<string, Tally>();

describe("Web platform conformance inside the isolate", () => {
  for (const suite of SUITES) {
    it(suite, async () => {
      const r = await request(port, `${suite}.conf.${BASE}`, `/${suite}`, { method: "POST", body: JSON.stringify({ hello: "world" }), headers: { "content-type": "application/json", "x-conformance": "yes" }, timeoutMs: 60_000 });
      const trail = logs.filter((l) => l.functionId === `conf-${suite}`).map((l) => l.message.slice(0, 200));
      expect(r.status, `${r.body}\n${trail.join("\n")}`).toBe(200);
      const tally = JSON.parse(r.body) as Tally;
      tallies.set(suite, tally);
      expect(tally.failures).toEqual([]);
      expect(tally.passed).toBeGreaterThan(10);
    }, 60_000);
  }

  it("streams response chunks of every BufferSource kind with their offsets", async () => {
    const r = await request(port, `chunks.conf.${BASE}`, "/");
    expect([r.status, r.body]).toEqual([200, "hi!??"]);
  });

  it("console prints objects readably at every level", () => {
    const mine = logs.filter((l) => l.functionId === "conf-globals");
    const log = mine.find((l) => l.message.startsWith("conformance-object"));
    expect(log?.level).toBe("log");
    expect(log?.message).toBe("conformance-object { a: 1, b: 'two', nested: { list: [ 1, 2, 3 ] }, m: Map(1) { 'k' => 1 } }");
    expect(mine.find((l) => l.message.startsWith("conformance-format"))).toMatchObject({ level: "warn", message: "conformance-format n=42" });
    expect(mine.find((l) => l.message.includes("conformance-error"))?.message).toMatch(/^TypeError: conformance-error\n\s+at /);
    expect(mine.some((l) => l.level === "error" && l.message.includes("listener error is reported"))).toBe(true);
  });

  it(`runs at least ${MIN_ASSERTIONS} assertions, all passing`, () => {
    const total = [...tallies.values()].reduce((n, t) => n + t.passed, 0);
    const failed = [...tallies.values()].reduce((n, t) => n + t.failed, 0);
    console.log(`conformance: ${total} assertions passed, ${failed} failed, in ${tallies.size} suites (${[...tallies].map(([k, v]) => `${k} ${v.passed}`).join(", ")})`);
    expect(tallies.size).toBe(SUITES.length);
    expect(failed).toBe(0);
    expect(total).toBeGreaterThanOrEqual(MIN_ASSERTIONS);
  });
});
