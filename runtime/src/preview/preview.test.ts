/**
 * The test console's runs (`POST /preview` on the internal listener) against a whole node in this
 * process: the invocation goes through the engine (console lines, CPU limit, egress policy,
 * sealed secrets) and is never routed publicly.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalLink } from "../cluster/local-link.ts";
import { loadEnv } from "../env.ts";
import { RuntimeNode } from "../node.ts";
import { sealSecret } from "../protocol/secrets.ts";
import { PREVIEW_MAX_BODY_BYTES, PreviewResult, type PreviewJob } from "../protocol/preview.ts";
import { request, tenant, waitFor } from "../../test/helpers.ts";
import { StandInConsole } from "../../test/stand-in-console.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-preview-"));
const stand = new StandInConsole({ holdMs: 500 });
let node: RuntimeNode;

beforeAll(async () => {
  await stand.start();
  stand.push({ kind: "tenant.upserted", tenant: tenant("t1", "acme") });
  // A tenant whose plan allows 20 ms of CPU: a preview runs with the limits the node synced.
  stand.push({ kind: "tenant.upserted", tenant: tenant("t2", "tight", { cpuMs: 20 }) });
  const env = loadEnv({ RUNTIME_PORT: "0", RUNTIME_INTERNAL_PORT: "0", RUNTIME_HOST: "127.0.0.1", DATA_DIR: dataDir, CONSOLE_URL: stand.url, RUNTIME_TOKEN: stand.token, RUNTIME_WORKERS: "0" });
  node = new RuntimeNode(env, (sink) => new LocalLink(env, sink));
  await node.start();
  await waitFor(async () => ((await (await fetch(`http://127.0.0.1:${node.internalPort}/revision`)).json()) as { revision: number }).revision >= 2, 10_000, "tenants synced");
});

afterAll(async () => {
  await node.stop();
  await stand.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function job(source: string, req: Partial<PreviewJob["request"]> = {}, extra: { secrets?: Record<string, string>; tenantId?: string } = {}): Promise<PreviewJob> {
  const { code } = await transform(source, { format: "esm", loader: "ts" });
  return {
    function: { functionId: "t1-draft", tenantId: extra.tenantId ?? "t1", name: "draft", version: 0, code, sourceMap: null, vars: { MODE: "preview" }, secrets: extra.secrets ?? {} },
    request: { method: "GET", path: "/", host: "draft.acme.edge.localhost", headers: [], ...req },
  };
}

async function preview(body: unknown, token = stand.token) {
  const res = await fetch(`http://127.0.0.1:${node.internalPort}/preview`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("POST /preview", () => {
  it("runs the code once and returns status, headers, body, timings and that invocation's console lines", async () => {
    const source = `console.info("starting");
    export default { async fetch(req: Request, env: Record<string, string>) {
      const u = new URL(req.url);
      console.log("hit", req.method, u.pathname + u.search, req.headers.get("x-test"));
      console.warn("mode", env.MODE);
      const body = await req.text();
      return Response.json({ got: body, q: u.searchParams.get("q") }, { status: 201, headers: { "x-out": "yes" } });
    } };`;
    const r = await preview(await job(source, { method: "POST", path: "/a/b?q=1", headers: [["x-test", "t"]], body: "payload" }));
    expect(r.status).toBe(200);
    const res = PreviewResult.parse(r.json);
    expect(res).toMatchObject({ status: 201, bodyEncoding: "utf8", truncated: false });
    expect(JSON.parse(res.body)).toEqual({ got: "payload", q: "1" });
    expect(res.headers).toContainEqual(["x-out", "yes"]);
    // The top level's lines first, marked as such, then the request's.
    expect(res.logs.map((l) => [l.level, l.message, l.details?.kind ?? null])).toEqual([
      ["info", "starting", "startup"],
      ["log", "hit POST /a/b?q=1 t", null],
      ["warn", "mode preview", null],
    ]);
    expect(res.wallMs).toBeGreaterThan(0);
    expect(res.cpuMs).toBeGreaterThan(0);
    // Not routed publicly: the draft's hostname is unknown to the public listener.
    expect((await request(node.publicPort, "draft.acme.edge.localhost")).status).toBe(404);
  });

  it("opens sealed secrets into env, like a deployed version", async () => {
    const r = await preview(await job(`export default { fetch: (_r: Request, env: any) => new Response(env.KEY === "s3cr3t" ? "ok" : "missing") };`, {}, { secrets: { KEY: sealSecret("s3cr3t", stand.token) } }));
    expect(PreviewResult.parse(r.json).body).toBe("ok");
  });

  it("enforces the tenant's CPU limit and the egress policy", async () => {
    const loop = PreviewResult.parse((await preview(await job(`export default { fetch() { for (;;) {} } };`, {}, { tenantId: "t2" }))).json);
    expect(loop.status).toBe(503);
    expect(JSON.parse(loop.body)).toMatchObject({ error: "cpu_limit_exceeded", limit_ms: 20 });
    expect(loop.logs[0]).toMatchObject({ level: "error", message: expect.stringContaining("Limit exceeded: cpu") });
    const egress = PreviewResult.parse(
      (await preview(await job(`export default { async fetch() { try { await fetch("http://169.254.169.254/"); return new Response("reached"); } catch (e) { return new Response(String(e)); } } };`))).json,
    );
    expect(egress.body).toMatch(/TypeError/);
  });

  it("reports uncaught exceptions and cuts large bodies at the cap", async () => {
    const thrown = PreviewResult.parse((await preview(await job(`export default { fetch() { throw new Error("boom"); } };`))).json);
    expect(thrown.status).toBe(500);
    expect(thrown.logs[0]).toMatchObject({ level: "error", message: "Uncaught Error: boom" });
    // An endless stream: the preview keeps the first PREVIEW_MAX_BODY_BYTES and stops the function.
    const endless = `export default { fetch() { const chunk = new TextEncoder().encode("x".repeat(65536)); return new Response(new ReadableStream({ pull(c) { c.enqueue(chunk); } })); } };`;
    const big = PreviewResult.parse((await preview(await job(endless))).json);
    expect(big.truncated).toBe(true);
    expect(big.body.length).toBe(PREVIEW_MAX_BODY_BYTES);
  });

  it("without a request, runs only the top level and says whether the module started", async () => {
    const { function: started } = await job(`console.log("top level ran"); export default { fetch() { throw new Error("the handler must not run"); } };`);
    const ok = await preview({ function: started });
    expect(ok.status).toBe(200);
    expect(PreviewResult.parse(ok.json)).toMatchObject({ status: 0, logs: [{ level: "log", message: "top level ran", details: { kind: "startup" } }], startupError: null });
    const { function: broken } = await job(`const x: number = 1;\nconsole.warn("region?", x);\nif (x) throw new RangeError("no region configured");\nexport default { fetch: () => new Response("never") };`);
    const failed = PreviewResult.parse((await preview({ function: broken })).json);
    expect(failed.startupError?.message).toBe("no region configured");
    expect(failed.startupError?.stack).toMatch(/^RangeError: no region configured\n\s+at worker\.js:3:\d+$/);
    // What the top level wrote before it threw comes back with the error.
    expect(failed.logs).toEqual([expect.objectContaining({ level: "warn", message: "region? 1", details: { kind: "startup" } })]);
    // At most 100 lines are kept, each at most 16 KiB.
    const { function: chatty } = await job(`for (let i = 0; i < 150; i++) console.log("line " + i + " " + "x".repeat(20000));\nexport default { fetch: () => new Response("ok") };`);
    const many = PreviewResult.parse((await preview({ function: chatty })).json);
    expect(many.logs).toHaveLength(100);
    expect(many.logs[99]!.message).toMatch(/^line 99 x+$/);
    expect(many.logs[0]!.message).toHaveLength(16_384);
  });

  it("refuses a wrong token, a GET, a malformed job and a tenant the node does not know", async () => {
    expect((await preview(await job(`export default { fetch: () => new Response("x") };`, {}, { tenantId: "nobody" }))).status).toBe(409);
    expect((await preview(await job(`export default { fetch: () => new Response("x") };`), "wrong-token-wrong")).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${node.internalPort}/preview`, { headers: { authorization: `Bearer ${stand.token}` } })).status).toBe(405);
    const bad = await preview({ function: {}, request: {} });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "request.method" })]));
  });
});
