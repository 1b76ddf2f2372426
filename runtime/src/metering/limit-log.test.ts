/**
 * A limit event explains itself in the log: which limit, its configured value, what was measured,
 * and the request with its headers, credentials redacted (real engine, real isolate, real HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Watchdog } from "../isolates/watchdog.ts";
import { applyChanges, emptyState } from "../routing/state.ts";
import type { Change, LogEntry } from "../protocol/index.ts";
import { fn, request, tenant, waitFor } from "../../test/helpers.ts";
import { Engine } from "../server/engine.ts";
import { PublicServer } from "../server/public.ts";
import { REDACTED, redactHeaders } from "./redact.ts";

const logs: LogEntry[] = [];
const engine = new Engine({ maxInstances: 2, egress: { allowPrivate: false } });
const watchdog = new Watchdog();
const server = new PublicServer(engine, { meter: { record: () => undefined, log: (l) => logs.push(l) }, watchdog }, { port: 0, host: "127.0.0.1", baseDomain: "edge.localhost" });
let port = 0;

beforeAll(async () => {
  const changes: Change[] = [
    { revision: 1, kind: "tenant.upserted", tenant: tenant("t1", "acme", { cpuMs: 50 }) },
    { revision: 2, kind: "function.deployed", function: await fn("t1", "loops", "loops.js") },
  ];
  await engine.reconcile(applyChanges(emptyState(), changes));
  port = await server.start();
});

afterAll(async () => {
  await server.stop();
  watchdog.stop();
  engine.stop();
});

describe("limit events in the log", () => {
  it("name the limit, its value, the measurement and the request without credentials", async () => {
    const headers = { authorization: "Bearer top-secret", cookie: "sid=top-secret", "x-github-token": "top-secret", "x-trace": "abc-123" };
    const r = await request(port, "loops.acme.edge.localhost", "/spin?n=1", { headers });
    expect(r.status).toBe(503);
    const line = (await waitFor(() => logs.find((l) => l.details?.kind === "limit"), 5000, "limit log line"))!;
    expect(line.message).toMatch(/^Limit exceeded: cpu \(limit 50, measured [\d.]+\)$/);
    expect(line.status).toBe(503);
    expect(line.details).toMatchObject({ limit: "cpu", configured: 50, request: { method: "GET", url: "/spin?n=1", host: "loops.acme.edge.localhost" } });
    expect(line.details!.value as number).toBeGreaterThanOrEqual(50);
    const sent = (line.details!.request as { headers: Record<string, string> }).headers;
    expect(sent).toMatchObject({ authorization: REDACTED, cookie: REDACTED, "x-github-token": REDACTED, "x-trace": "abc-123" });
    expect(JSON.stringify(line)).not.toContain("top-secret");
  });

  it("redacts by name, keeps repeated headers and caps long values", () => {
    const out = redactHeaders(["Accept", "a", "accept", "b", "X-Api-Key", "k", "Proxy-Authorization", "p", "X-Long", "x".repeat(2000)]);
    expect(out).toEqual({ accept: "a, b", "x-api-key": REDACTED, "proxy-authorization": REDACTED, "x-long": "x".repeat(512) });
  });
});
