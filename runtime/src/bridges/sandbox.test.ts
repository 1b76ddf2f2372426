/**
 * Egress policy and sandbox escapes, through the real engine and real HTTP. No test reaches the
 * internet: the only servers are on loopback, and the policy must refuse them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Watchdog } from "../isolates/watchdog.ts";
import { Meter } from "../metering/meter.ts";
import { applyChanges, emptyState } from "../routing/state.ts";
import type { Change } from "../protocol/index.ts";
import { fn, request, tenant } from "../../test/helpers.ts";
import { Engine } from "../server/engine.ts";
import { PublicServer } from "../server/public.ts";
import { isPublicAddress } from "./egress-policy.ts";

const BASE = "edge.localhost";
let port = 0;
let targetPort = 0;
let targetHits = 0;
const target = http.createServer((req, res) => {
  targetHits++;
  if (req.url === "/redirect") {
    res.writeHead(302, { location: `http://127.0.0.1:${targetPort}/secret` });
    res.end();
    return;
  }
  res.end("secret");
});
const watchdog = new Watchdog();
// 127.0.0.2 stands in for "a public server" in the redirect test; everything else uses the real policy.
const strict = new Engine({ maxInstances: 2, egress: { allowPrivate: false } });
const redirecting = new Engine({ maxInstances: 2, egress: { allowPrivate: false, allowAddress: (a) => a === "127.0.0.2" } });
const meter = new Meter();
const deps = { meter, watchdog };
const servers = [new PublicServer(strict, deps, { port: 0, host: "127.0.0.1", baseDomain: BASE }), new PublicServer(redirecting, deps, { port: 0, host: "127.0.0.1", baseDomain: BASE })];
let redirectPort = 0;

beforeAll(async () => {
  await new Promise<void>((r) => target.listen(0, "0.0.0.0", () => r()));
  targetPort = (target.address() as AddressInfo).port;
  const changes: Change[] = [
    { revision: 1, kind: "tenant.upserted", tenant: tenant("t1", "acme", { cpuMs: 5000 }) },
    { revision: 2, kind: "function.deployed", function: await fn("t1", "egress", "egress.js") },
    { revision: 3, kind: "function.deployed", function: await fn("t1", "escapes", "escapes.js") },
    { revision: 4, kind: "function.deployed", function: await fn("t1", "huge", "huge.js") },
    { revision: 5, kind: "function.deployed", function: await fn("t1", "hello", "hello.ts") },
  ];
  await strict.reconcile(applyChanges(emptyState(), changes));
  await redirecting.reconcile(applyChanges(emptyState(), changes));
  port = await servers[0]!.start();
  redirectPort = await servers[1]!.start();
});

afterAll(async () => {
  for (const s of servers) await s.stop();
  watchdog.stop();
  strict.stop();
  redirecting.stop();
  await new Promise((r) => target.close(r));
});

const json = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

describe("egress policy", () => {
  it("classifies addresses", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "255.255.255.255"]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(a), a).toBe(true);
  });

  it("refuses loopback, private, metadata and localhost with a TypeError inside the function", async () => {
    const hitsBefore = targetHits;
    for (const to of [`http://127.0.0.1:${targetPort}/`, "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", `http://localhost:${targetPort}/`, `http://[::1]:${targetPort}/`, `http://[::ffff:127.0.0.1]:${targetPort}/`, "http://0.0.0.0/"]) {
      const r = await request(port, `egress.acme.${BASE}`, `/?to=${encodeURIComponent(to)}`);
      expect(r.status, to).toBe(200);
      const body = json(r.body);
      expect(body.reached, to).toBe(false);
      expect(body.name, to).toBe("TypeError");
      expect(String(body.message), to).toMatch(/refused|non-public/);
    }
    expect(targetHits).toBe(hitsBefore);
  });

  it("checks every redirect hop again", async () => {
    const r = await request(redirectPort, `egress.acme.${BASE}`, `/?to=${encodeURIComponent(`http://127.0.0.2:${targetPort}/redirect`)}`);
    const body = json(r.body);
    expect(body.reached).toBe(false);
    expect(String(body.message)).toContain("127.0.0.1");
    expect(targetHits).toBe(1); // the redirect itself was served; the private target never was
  });
});

describe("sandbox escapes", () => {
  it("gives tenant code no way to the host", async () => {
    const r = await request(port, `escapes.acme.${BASE}`);
    expect(r.status).toBe(200);
    const out = json(r.body);
    expect(out.process).toBe("undefined");
    expect(out.require).toBe("undefined");
    for (const k of ["ctorCtor", "fnCtor", "fetchCtor", "consoleProto", "headersProto", "evalProcess"]) expect(out[k], k).toBe("undefined");
    expect(out.hostBridge).toBe("undefinedundefinedundefined");
    expect(String(out.dynamicImport)).toMatch(/^threw/);
    // Prototype pollution stays inside that isolate: another function is unaffected.
    const other = await request(port, `hello.acme.${BASE}`);
    expect(other.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("streaming", () => {
  it("streams a 100 MB response with backpressure instead of buffering it in the host", async () => {
    const ab0 = process.memoryUsage().arrayBuffers;
    const result = await new Promise<{ bytes: number; status: number; chunked: boolean; pausedGrowth: number }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/", headers: { host: `huge.acme.${BASE}` }, agent: false }, (res) => {
        let bytes = 0;
        let pausedGrowth = -1;
        res.once("data", (c: Buffer) => {
          bytes += c.length;
          // The client stops reading: with backpressure the host must stop pulling chunks out of
          // the isolate, so its buffered memory stays flat while we wait. (A time window is the
          // only way to observe "nothing happens".)
          res.pause();
          setTimeout(() => {
            pausedGrowth = process.memoryUsage().arrayBuffers - ab0;
            res.on("data", (d: Buffer) => (bytes += d.length));
            res.resume();
          }, 500);
        });
        res.on("end", () => resolve({ bytes, status: res.statusCode ?? 0, chunked: res.headers["transfer-encoding"] === "chunked", pausedGrowth }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
    expect(result.status).toBe(200);
    expect(result.chunked).toBe(true);
    expect(result.bytes).toBe(100 * 1024 * 1024);
    expect(result.pausedGrowth).toBeLessThan(32 * 1024 * 1024);
    const huge = meter.drain().rollups.find((x) => x.functionId === "t1-huge")!;
    expect(huge.bytesOut).toBe(100 * 1024 * 1024);
  });
});
