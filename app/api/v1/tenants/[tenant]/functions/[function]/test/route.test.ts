import { describe, expect, it } from "vitest";
import { api, HELLO } from "@/lib/services/functions/test-support";
import { worldWithRuntime } from "@/lib/services/functions/test-runtime";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { PUT as PUT_VARIABLE } from "../variables/[name]/route";
import { POST } from "./route";

const t = await worldWithRuntime();

const at = (fn: string) => ({ tenant: t.w.tenant.slug, function: fn });
const create = (name: string) => api(CREATE, t.w.dev, { tenant: t.w.tenant.slug }, { body: { name } });
const test = (fn: string, body: unknown, who: { token?: string; cookie?: string } = t.w.dev) => api(POST, who, at(fn), { method: "POST", body });

const ECHO = `export default {
  async fetch(req: Request, env: Record<string, string>): Promise<Response> {
    const url = new URL(req.url);
    console.log("handling", req.method, url.pathname + url.search);
    console.warn("header", req.headers.get("x-probe"));
    return Response.json({ host: url.host, body: await req.text(), mode: env.MODE ?? null }, { status: 202, headers: { "x-seen": "1" } });
  },
};
`;

describe("POST /api/v1/tenants/{tenant}/functions/{function}/test", () => {
  it("runs the editor's draft on the runtime and returns status, headers, body, timings and its console lines", async () => {
    await create("echo");
    await api(PUT_VARIABLE, t.w.dev, { ...at("echo"), name: "MODE" }, { method: "PUT", body: { value: "draft-run" } });
    const r = await test("echo", { method: "POST", path: "/items/7", query: { q: "a b" }, headers: { "x-probe": "p1" }, body: "payload", files: { "index.ts": ECHO } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ target: "draft", version: null, status: 202, bodyEncoding: "utf8", truncated: false });
    expect(JSON.parse(r.json.body as string)).toEqual({ host: `echo.${t.w.tenant.slug}.edge.localhost`, body: "payload", mode: "draft-run" });
    expect(r.json.headers).toContainEqual(["x-seen", "1"]);
    expect((r.json.logs as { level: string; message: string }[]).map((l) => `${l.level} ${l.message}`)).toEqual(["log handling POST /items/7?q=a+b", "warn header p1"]);
    expect(r.json.wallMs).toEqual(expect.any(Number));
    expect(r.json.cpuMs as number).toBeGreaterThan(0);
  });

  it("runs the live version as deployed, while the draft differs", async () => {
    await create("live-one");
    const d = await api(DEPLOY, t.w.dev, at("live-one"), { body: { code: HELLO } });
    expect(d.status).toBe(201);
    await t.runtime.synced(d.json.revision as number);
    const live = await test("live-one", { target: "live" });
    expect(live.json).toMatchObject({ target: "live", version: 1, status: 200, body: "hello" });
    const draft = await test("live-one", { files: { "index.ts": 'export default { fetch: () => new Response("draft") };' } });
    expect(draft.json).toMatchObject({ target: "draft", status: 200, body: "draft" });
    // With no files sent, the draft is what the editor saved (here: the live files).
    expect((await test("live-one", {})).json).toMatchObject({ target: "draft", body: "hello" });
  });

  it("lets the code use a secret without the secret appearing in the answer", async () => {
    await create("secretive");
    const secret = "sk_live_preview_4242";
    await api(PUT_VARIABLE, t.w.dev, { ...at("secretive"), name: "API_KEY" }, { method: "PUT", body: { value: secret, secret: true } });
    const code = 'export default { fetch: (_r: Request, env: any) => new Response(env.API_KEY === "sk_live_preview_4242" ? "key ok" : "no key") };';
    const r = await test("secretive", { files: { "index.ts": code } });
    expect(r.json.body).toBe("key ok");
    // The code carries the literal; the answer (body, headers, logs) does not.
    const { body, ...rest } = r.json;
    expect(body).not.toContain(secret);
    expect(JSON.stringify(rest)).not.toContain(secret);
  });

  it("reports compile errors of the draft with line and column (400)", async () => {
    await create("typo");
    const r = await test("typo", { files: { "index.ts": "export default {\n  fetch() { return new Response(1 +); }\n};\n" } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "compile_failed", errors: [{ file: "index.ts", line: 2, column: 36 }] });
  });

  it("rejects bad input with 400 naming the field", async () => {
    await create("strict");
    const cases: [unknown, string][] = [
      [{ method: "FETCH" }, "method"],
      [{ path: "no-slash" }, "path"],
      [{ path: "/a?b=1" }, "path"],
      [{ headers: { "bad name": "x" } }, "headers.bad name"],
      [{ method: "GET", body: "x" }, "body"],
      [{ target: "preview" }, "target"],
      [{ target: "live" }, "target"],
      [{ target: "live", files: { "index.ts": HELLO } }, "files"],
      [{ files: { "../up.ts": HELLO } }, "files.../up.ts"],
      [{ files: { "a.ts": HELLO }, entry: "b.ts" }, "entry"],
    ];
    for (const [body, field] of cases) {
      const r = await test("strict", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error?.issues?.[0]?.path, JSON.stringify(body)).toBe(field);
    }
  });

  it("forbids a viewer (403) and hides another tenant's function (404, token and session)", async () => {
    await create("guarded");
    expect((await test("guarded", { files: { "index.ts": HELLO } }, t.w.viewer)).status).toBe(403);
    expect((await test("guarded", {}, { token: t.w.outsider.token })).status).toBe(404);
    expect((await test("guarded", {}, { cookie: t.w.outsider.cookie })).status).toBe(404);
    // The outsider's own tenant has no function of that name either.
    const own = await api(POST, { token: t.w.outsider.token }, { tenant: t.w.otherTenant.slug, function: "guarded" }, { method: "POST", body: {} });
    expect(own.status).toBe(404);
    expect((await test("missing", {})).status).toBe(404);
  });
});
