/**
 * A whole runtime node in this process (real isolates, real HTTP) against the stand-in console:
 * first start from /snapshot, deploys over the long-poll without a cold start, heartbeats,
 * metrics and logs with retries that keep their batchId, and a restart with the console down.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalLink } from "./cluster/local-link.ts";
import { loadEnv } from "./env.ts";
import { RuntimeNode } from "./node.ts";
import { fillDisk, fn, request, tenant, waitFor } from "../test/helpers.ts";
import { StandInConsole } from "../test/stand-in-console.ts";

const BASE = "edge.localhost";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-runtime-"));
const stand = new StandInConsole({ holdMs: 500 });
let node: RuntimeNode;

function makeNode(dir = dataDir, extra: Record<string, string> = {}): RuntimeNode {
  // The token comes from the file the console generates on first start.
  fs.mkdirSync(path.join(dir, "secrets"), { recursive: true });
  fs.writeFileSync(path.join(dir, "secrets", "runtime-token"), stand.token);
  const env = loadEnv({ RUNTIME_PORT: "0", RUNTIME_INTERNAL_PORT: "0", RUNTIME_HOST: "127.0.0.1", DATA_DIR: dir, CONSOLE_URL: stand.url, RUNTIME_WORKERS: "0", RUNTIME_FLUSH_MS: "200", RUNTIME_HEARTBEAT_MS: "300", ...extra });
  return new RuntimeNode(env, (sink) => new LocalLink(env, sink));
}

beforeAll(async () => {
  await stand.start();
  stand.push({ kind: "tenant.upserted", tenant: tenant("t1", "acme") });
  stand.push({ kind: "function.deployed", function: await fn("t1", "hello", "hello.ts", { vars: { GREETING: "v1" } }) });
  node = makeNode();
  await node.start();
});

afterAll(async () => {
  await node.stop();
  await stand.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const greeting = async (port: number): Promise<string> => {
  const r = await request(port, `hello.acme.${BASE}`);
  return r.status === 200 ? String((JSON.parse(r.body) as { hello: string }).hello) : `status ${r.status}`;
};

describe("sync", () => {
  it("loads the snapshot on first start and reports the revision", async () => {
    await waitFor(async () => (await greeting(node.publicPort)) === "v1", 10_000, "first snapshot");
    await waitFor(() => stand.heartbeats.some((h) => h.appliedRevision === 2), 5000, "heartbeat at revision 2");
    const rev = await fetch(`http://127.0.0.1:${node.internalPort}/revision`).then((r) => r.json() as Promise<{ revision: number }>);
    expect(rev.revision).toBe(2);
    expect((await fetch(`http://127.0.0.1:${node.internalPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${node.internalPort}/readyz`)).status).toBe(200);
  });

  it("flips to a new version only once it is warm, with no failed request in between", async () => {
    let stop = false;
    const seen: string[] = [];
    const load = (async () => {
      while (!stop) seen.push(await greeting(node.publicPort));
    })();
    const rev = stand.push({ kind: "function.deployed", function: await fn("t1", "hello", "hello.ts", { version: 2, vars: { GREETING: "v2" } }) });
    await waitFor(() => seen.includes("v2"), 10_000, "v2 live");
    await waitFor(() => stand.heartbeats.some((h) => h.appliedRevision === rev), 5000, "heartbeat with the new revision");
    stop = true;
    await load;
    expect(seen.every((s) => s === "v1" || s === "v2")).toBe(true);
    // Once v2 answered, v1 never does again (one engine, atomic flip).
    expect(seen.slice(seen.indexOf("v2")).every((s) => s === "v2")).toBe(true);
  });

  it("applies suspension and deletion", async () => {
    stand.push({ kind: "tenant.upserted", tenant: tenant("t1", "acme", {}, "suspended") });
    await waitFor(async () => (await request(node.publicPort, `hello.acme.${BASE}`)).status === 403, 5000, "suspended");
    stand.push({ kind: "tenant.upserted", tenant: tenant("t1", "acme") });
    await waitFor(async () => (await request(node.publicPort, `hello.acme.${BASE}`)).status === 200, 5000, "active again");
  });

  it("sends metrics and logs; a failed flush is retried with the same batchId and counted once", async () => {
    stand.failIngest = true;
    for (let i = 0; i < 5; i++) expect((await request(node.publicPort, `hello.acme.${BASE}`)).status).toBe(200);
    await waitFor(() => node.outbox.pending().length > 0, 5000, "batches waiting on disk");
    const waiting = node.outbox.pendingBatchIds();
    stand.failIngest = false;
    await waitFor(() => node.outbox.pending().length === 0, 5000, "outbox drained");
    for (const id of waiting) expect(stand.posted).toContain(id);
    const total = stand.metrics.flatMap((b) => b.rollups).filter((r) => r.functionId === "t1-hello").reduce((a, r) => a + r.requests, 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(stand.logs.flatMap((b) => b.logs).some((l) => l.message.startsWith("hello from"))).toBe(true);
    const prom = await fetch(`http://127.0.0.1:${node.internalPort}/metrics`).then((r) => r.text());
    const served = prom.match(/^edge_invocations_total\{tenant="t1",function="t1-hello",status_class="2xx"\} (\d+)$/m);
    expect(Number(served?.[1])).toBeGreaterThanOrEqual(5);
  });

  it("counts the console lines past the journal's cap in the rollups it sends, and in Prometheus", async () => {
    stand.push({ kind: "tenant.upserted", tenant: tenant("t3", "loud", { cpuMs: 30_000 }) });
    const rev = stand.push({ kind: "function.deployed", function: await fn("t3", "chatty", "chatty.js") });
    await waitFor(() => stand.heartbeats.some((h) => h.appliedRevision >= rev), 10_000, "chatty deployed");
    const r = await request(node.publicPort, `chatty.loud.${BASE}`, "/?lines=10300", { timeoutMs: 30_000 });
    expect(r.status).toBe(200);
    const mine = () => stand.metrics.flatMap((b) => b.rollups).filter((x) => x.functionId === "t3-chatty");
    const dropped = () => mine().reduce((a, x) => a + x.logsDropped, 0);
    const kept = () => stand.logs.flatMap((b) => b.logs).filter((l) => l.functionId === "t3-chatty").length;
    // A segment keeps 10,000 lines (fewer if other requests' lines came first); every other line is counted.
    await waitFor(() => kept() + dropped() === 10_300, 10_000, "every line kept or counted");
    expect(mine().reduce((a, x) => a + x.requests, 0)).toBe(1);
    expect(dropped()).toBeGreaterThanOrEqual(300);
    const prom = await fetch(`http://127.0.0.1:${node.internalPort}/metrics`).then((res) => res.text());
    expect(Number(prom.match(/^edge_logs_dropped_total\{tenant="t3"\} (\d+)$/m)?.[1])).toBe(dropped());
  });

  it("restarts from the on-disk snapshot while the console is down", async () => {
    await node.stop();
    await stand.stop();
    node = makeNode();
    await node.start();
    expect(await greeting(node.publicPort)).toBe("v2");
  });

  it("reloads the snapshot when the changes it missed while down were compacted away", async () => {
    await node.stop();
    await stand.start();
    stand.push({ kind: "function.deployed", function: await fn("t1", "hello", "hello.ts", { version: 3, vars: { GREETING: "v3" } }) });
    stand.compact();
    node = makeNode();
    await node.start();
    await waitFor(async () => (await greeting(node.publicPort)) === "v3", 10_000, "v3 from the snapshot");
  });
});

describe("a node whose journal cannot be written", () => {
  it("refuses requests and reports not ready while it holds too many records, then serves again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-runtime-full-"));
    // About four records held in memory before it refuses.
    const full = makeNode(dir, { RUNTIME_JOURNAL_HELD_KB: "1" });
    await full.start();
    try {
      await waitFor(async () => (await request(full.publicPort, `hello.acme.${BASE}`)).status === 200, 10_000, "serving");
      const readyz = async (): Promise<number> => (await fetch(`http://127.0.0.1:${full.internalPort}/readyz`)).status;
      expect(await readyz()).toBe(200);
      // The disk fills from the next segment on: a rotation closes the segment being written and
      // opens the next, which still has room; once a record is in it, the next rotation moves on
      // to the links to /dev/full.
      full.journal.rotate();
      const freeSpace = fillDisk(full.journal, 1000);
      expect((await request(full.publicPort, `hello.acme.${BASE}`)).status).toBe(200);
      full.journal.rotate();
      let refused: Awaited<ReturnType<typeof request>> | null = null;
      for (let i = 0; i < 20 && !refused; i++) {
        const r = await request(full.publicPort, `hello.acme.${BASE}`);
        if (r.status === 503) refused = r;
      }
      expect(refused && (JSON.parse(refused.body) as { error: string }).error).toBe("node_unavailable");
      expect(await readyz()).toBe(503);
      freeSpace();
      // The node's periodic flush retries the held records; then it is ready and serving again.
      await waitFor(async () => (await readyz()) === 200, 5000, "ready again");
      expect((await request(full.publicPort, `hello.acme.${BASE}`)).status).toBe(200);
    } finally {
      await full.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
