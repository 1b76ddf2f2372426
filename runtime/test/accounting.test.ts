import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startLoad } from "./accounting.ts";

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

async function run(port: number, ms = 400) {
  const load = startLoad({ port: () => port, host: "load.test", rate: 500, connections: 4 });
  await new Promise((r) => setTimeout(r, ms));
  return load.stop();
}

describe("the accounting load generator", () => {
  it("counts whole responses by status class: fixed length, chunked in pieces, and closed after", async () => {
    let served = 0;
    const port = await serve((req, res) => {
      expect(req.headers.host).toBe("load.test");
      const n = served++ % 3;
      if (n === 0) res.writeHead(200, { "content-length": "2" }).end("ok");
      else if (n === 1) {
        res.writeHead(404);
        res.write("a".repeat(10));
        setTimeout(() => res.end("b".repeat(70_000)), 2);
      } else res.writeHead(503, { connection: "close", "content-length": "0" }).end();
    });
    const counts = await run(port);
    expect(counts.failures).toBe(0);
    expect(counts.responses).toBeGreaterThan(20);
    expect(counts.responses).toBe(served);
    expect(counts.byClass["2xx"] + counts.byClass["4xx"] + counts.byClass["5xx"]).toBe(counts.responses);
    expect(Math.abs(counts.byClass["2xx"] - counts.byClass["4xx"])).toBeLessThanOrEqual(1);
  });

  it("never counts a response the server cut off, and keeps going after it", async () => {
    let n = 0;
    let whole = 0;
    const port = await serve((_req, res) => {
      if (n++ % 2) {
        res.writeHead(200, { "content-length": "100" });
        res.write("partial");
        setTimeout(() => res.destroy(), 2);
        return;
      }
      whole++;
      res.end("ok");
    });
    const counts = await run(port);
    expect(counts.failures).toBeGreaterThan(0);
    expect(counts.responses).toBe(whole);
    expect(counts.byClass["2xx"]).toBe(whole);
  });

  it("counts refused connections as failures, not responses", async () => {
    const port = await serve(() => undefined);
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    const counts = await run(port, 200);
    expect(counts.responses).toBe(0);
    expect(counts.failures).toBeGreaterThan(0);
  });
});
