/**
 * A Response whose body is an untouched fetch() body goes from the upstream socket to the client
 * on the host, without crossing the isolate: a 100 MB proxy fits the default 50 ms CPU limit.
 * Bodies the function reads or transforms still cross (and count), and the client going away
 * cancels the upstream. The request's own body, answered or uploaded with fetch(), is read by the
 * host too. Real engine, real HTTP, loopback only.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Watchdog } from "../isolates/watchdog.ts";
import { Meter } from "../metering/meter.ts";
import { applyChanges, emptyState } from "../routing/state.ts";
import { byteUpstream, fn, tenant } from "../../test/helpers.ts";
import { Engine } from "./engine.ts";
import { PublicServer } from "./public.ts";

const BASE = "edge.localhost";
const MB = 1024 * 1024;
let port = 0;
let upstream: Awaited<ReturnType<typeof byteUpstream>>;
const watchdog = new Watchdog();
const engine = new Engine({ maxInstances: 2, egress: { allowPrivate: false, allowAddress: (a) => a === "127.0.0.1" } });
const meter = new Meter();
const server = new PublicServer(engine, { meter, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: BASE });

beforeAll(async () => {
  upstream = await byteUpstream();
  await engine.reconcile(
    applyChanges(emptyState(), [
      // The default limits: 50 ms of CPU per request.
      { revision: 1, kind: "tenant.upserted", tenant: tenant("t1", "acme") },
      { revision: 2, kind: "function.deployed", function: await fn("t1", "proxy", "proxy.js", { vars: { UPSTREAM: `http://127.0.0.1:${upstream.port}/` } }) },
    ]),
  );
  port = await server.start();
});

afterAll(async () => {
  await server.stop();
  watchdog.stop();
  engine.stop();
  await new Promise((r) => upstream.server.close(r));
});

/** POSTs `size` bytes to path, chunked, and counts the answer's bytes. */
function post(path: string, size: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ method: "POST", host: "127.0.0.1", port, path, headers: { host: `proxy.acme.${BASE}`, "transfer-encoding": "chunked" }, agent: false }, (res) => {
      let bytes = 0;
      let text = "";
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (text.length < 200) text += c.toString("utf8", 0, 200);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 99);
    let sent = 0;
    const write = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

/** GETs path on the proxy function, counting the body's bytes; `stopAfter` aborts once that many arrived. */
function get(path: string, stopAfter = Infinity): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers: { host: `proxy.acme.${BASE}` }, agent: false }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (bytes >= stopAfter) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, aborted: true });
        }
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, aborted: false }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, aborted: true }));
    });
    req.on("error", reject);
  });
}

/** The rollup of the proxy function since the last call. */
const rollup = () => meter.drain().rollups.find((r) => r.functionId === "t1-proxy");

describe("pass-through bodies", () => {
  it("proxies 100 MB under the default 50 ms CPU limit, returned as is or re-wrapped", async () => {
    meter.drain();
    for (const path of ["/as-is", "/rewrap"]) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.bytes, path).toBe(100 * MB);
    }
    const roll = rollup()!;
    expect(roll.requests).toBe(2);
    expect(roll.status2xx).toBe(2);
    expect(roll.bytesOut).toBe(200 * MB);
    expect(roll.limitEvents).toBe(0);
    // Far below the limit: the bytes never entered the isolate.
    expect(roll.cpuUs / 2).toBeLessThan(20_000);
  });

  it("keeps the function's headers and the upstream's", async () => {
    const asIs = await get("/as-is?size=1000");
    expect(asIs.headers["content-type"]).toBe("application/octet-stream");
    expect(asIs.bytes).toBe(1000);
    const rewrapped = await get("/rewrap?size=1000");
    expect(rewrapped.headers["x-proxied"]).toBe("rewrap");
    expect(rewrapped.bytes).toBe(1000);
    rollup();
  });

  it("still sends bodies the function reads or transforms through the isolate, counting their CPU", async () => {
    for (const path of ["/transform", "/read"]) {
      const r = await get(`${path}?size=${MB}`);
      expect(r.status, path).toBe(200);
      expect(r.headers["x-proxied"], path).toBe(path.slice(1));
      expect(r.bytes, path).toBe(MB);
    }
    // 100 MB through the isolate does not fit in 50 ms of CPU: the pass-through is what makes the proxy work.
    const big = await get("/transform");
    expect(big.bytes).toBeLessThan(100 * MB);
    const roll = rollup()!;
    expect(roll.limitEvents).toBe(1);
  });

  it("cancels the upstream when the client goes away, without reading it to the end", async () => {
    const before = upstream.log.length;
    const r = await get("/as-is", MB);
    expect(r.aborted).toBe(true);
    const entry = upstream.log[before]!;
    await expect.poll(() => entry.closedEarly, { timeout: 5000 }).toBe(true);
    expect(entry.written).toBeLessThan(50 * MB);
    rollup();
  });

  it("cuts the answer off, never ends it as if whole, when the upstream fails or the function aborts its fetch", async () => {
    const failed = await get(`/as-is?fail=${MB}`);
    expect(failed.aborted).toBe(true);
    expect(failed.bytes).toBeLessThan(100 * MB);
    const aborted = await get("/abort");
    expect(aborted.aborted).toBe(true);
    expect(aborted.bytes).toBeLessThan(100 * MB);
    rollup();
  });

  it("answers with the request's own body without it crossing the isolate", async () => {
    const r = await post("/echo", 5 * MB);
    expect(r.status).toBe(200);
    expect(r.headers["x-proxied"]).toBe("echo");
    expect(r.bytes).toBe(5 * MB);
    const roll = rollup()!;
    expect(roll.bytesIn).toBe(5 * MB);
    expect(roll.bytesOut).toBe(5 * MB);
    // The request body limit (10 MB by default) still applies to a body sent on.
    const over = await post("/echo", 12 * MB).catch(() => ({ status: 0, bytes: 0, headers: {}, text: "" }));
    expect(over.bytes).toBeLessThan(12 * MB);
    rollup();
  });

  it("uploads the request's own body to an upstream without it crossing the isolate", async () => {
    rollup();
    for (const path of ["/forward", "/forward-request"]) {
      const r = await post(path, 8 * MB);
      expect(r.status, path).toBe(200);
      expect(JSON.parse(r.text), path).toEqual({ received: 8 * MB });
    }
    const roll = rollup()!;
    expect(roll.status2xx).toBe(2);
    expect(roll.bytesIn).toBe(16 * MB);
    expect(roll.cpuUs / 2).toBeLessThan(20_000);
  });

  it("relays a fetched body to another upstream on the host, up to the function's memory limit", async () => {
    rollup();
    const small = await get(`/relay?size=${MB}`);
    expect(small.status).toBe(200);
    const big = await get(`/relay?size=${200 * MB}`);
    // Buffered on the host for the upload, it may not exceed what the isolate itself could hold (128 MB).
    expect(big.status).toBe(500);
    const roll = rollup()!;
    expect(roll.errors).toBe(1);
  });
});
