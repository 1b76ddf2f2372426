import { beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { api, HELLO, rowCounts, world } from "@/lib/services/functions/test-support";
import { auth, withDeadline } from "@/lib/services/runtime/test-support";
import { call } from "@/lib/test/fixtures";
import { ChangesResponse, PROTOCOL_VERSION } from "@/runtime/src/protocol";
import { GET as CHANGES } from "@/app/api/internal/runtime/changes/route";
import { POST as HEARTBEAT } from "@/app/api/internal/runtime/heartbeat/route";
import { POST as CREATE } from "../../route";
import { POST } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
const at = (fn: string) => ({ tenant: w.tenant.slug, function: fn });
const create = (name: string) => api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name } });
const beat = (nodeId: string, appliedRevision: number) =>
  call(HEARTBEAT, {
    headers: auth(),
    body: { protocol: PROTOCOL_VERSION, nodeId, hostname: nodeId, version: "test", workers: 1, appliedRevision, startedAt: new Date().toISOString() },
  });

async function fnRow(name: string) {
  const db = await getDb();
  const [f] = await db.select().from(schema.functions).where(and(eq(schema.functions.tenantId, w.tenant.id), eq(schema.functions.name, name)));
  return f!;
}

describe("POST /api/v1/tenants/{tenant}/functions/{function}/deployments", () => {
  it("compiles multi-file TypeScript, stores an immutable version and publishes it (201)", async () => {
    await create("multi");
    const files = {
      "src/main.ts": 'import { greet } from "./lib/greet.js";\nexport default { fetch: (): Response => new Response(greet("edge")) };\n',
      "src/lib/greet.ts": "export const greet = (who: string): string => `hi ${who}`;\n",
    };
    const r = await api(POST, w.dev, at("multi"), { body: { files, entry: "src/main.ts", message: "first" } });
    expect(r.status).toBe(201);
    // No runtime node here: the startup check is skipped, and the deploy goes ahead.
    expect(r.json).toEqual({ version: 1, revision: expect.any(Number), startupCheck: "skipped", liveMs: expect.any(Number), nodes: { applied: 0, total: 0 } });
    const f = await fnRow("multi");
    expect(f.liveVersion).toBe(1);
    const db = await getDb();
    const [v] = await db.select().from(schema.functionVersions).where(eq(schema.functionVersions.functionId, f.id));
    expect(v).toMatchObject({ number: 1, entry: "src/main.ts", files, message: "first", authorId: w.dev.id });
    expect(v!.compiledCode).toContain("hi ${who}");
    expect(v!.compiledCode).not.toMatch(/:\s*string/);
    expect(JSON.parse(v!.sourceMap!)).toMatchObject({ sources: ["src/lib/greet.ts", "src/main.ts"], sourcesContent: [files["src/lib/greet.ts"], files["src/main.ts"]] });
    const [c] = await db.select().from(schema.configChanges).where(eq(schema.configChanges.revision, r.json.revision as number));
    expect(c).toMatchObject({ kind: "function.deployed", tenantId: w.tenant.id, payload: { function: { functionId: f.id, name: "multi", version: 1, code: v!.compiledCode, vars: {}, secrets: {} } } });
    const second = await api(POST, w.owner, at("multi"), { body: { code: HELLO } });
    expect(second.json).toMatchObject({ version: 2 });
    expect((await fnRow("multi")).liveVersion).toBe(2);
  });

  it("reports compile errors with file, line and column, and writes nothing", async () => {
    await create("broken");
    const before = await rowCounts();
    const r = await api(POST, w.dev, at("broken"), { body: { files: { "index.ts": "export default {\n  fetch() { return new Response(1 +); }\n};\n" } } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "compile_failed", errors: [{ file: "index.ts", line: 2, column: 36, text: expect.stringContaining("Unexpected") }] });
    const imp = await api(POST, w.dev, at("broken"), { body: { files: { "index.ts": 'import fs from "node:fs";\nimport "./missing";\nconsole.log(fs);\n' } } });
    expect(imp.json.error?.code).toBe("compile_failed");
    expect(imp.json.error).toMatchObject({ errors: [{ line: 1, text: expect.stringContaining("only import its own files") }, { line: 2, text: expect.stringContaining("Cannot find") }] });
    expect(await rowCounts()).toEqual(before);
    expect((await fnRow("broken")).liveVersion).toBeNull();
  });

  it("rejects bad bodies with 400 naming the field", async () => {
    await create("picky");
    const cases: [unknown, string][] = [
      [{}, "files"],
      [{ code: HELLO, files: { "index.ts": HELLO } }, "files"],
      [{ files: { "../escape.ts": HELLO } }, "files.../escape.ts"],
      [{ files: { "a.txt": "x" } }, "files.a.txt"],
      [{ files: { "a.ts": HELLO, "b.ts": HELLO } }, "entry"],
      [{ files: { "a.ts": HELLO }, entry: "b.ts" }, "entry"],
      [{ code: 42 }, "code"],
      [{ code: HELLO, message: ["x"] }, "message"],
    ];
    for (const [body, path] of cases) {
      const r = await api(POST, w.dev, at("picky"), { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error?.issues?.[0]?.path, JSON.stringify(body)).toBe(path);
    }
    const m = await api(POST, w.dev, at("picky"), { rawBody: '{"code": "x"' });
    expect(m.status).toBe(400);
    expect(m.json.error?.message).toMatch(/Malformed JSON/);
  });

  it("forbids a viewer (403) and hides another tenant's function (404, token and session)", async () => {
    await create("guarded");
    const before = await rowCounts();
    expect((await api(POST, w.viewer, at("guarded"), { body: { code: HELLO } })).status).toBe(403);
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(POST, who, at("guarded"), { body: { code: HELLO } })).status).toBe(404);
      expect((await api(POST, who, { tenant: w.otherTenant.slug, function: "guarded" }, { body: { code: HELLO } })).status).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("waits until every live runtime node has applied the revision, ignoring stale nodes", async () => {
    await create("rollout");
    const latest = ChangesResponse.parse((await call(CHANGES, { headers: auth(), path: "/x?after=0&timeout=0" })).json).revision;
    await beat("node-live", latest);
    await beat("node-stale", 0);
    const db = await getDb();
    await db.update(schema.runtimeNodes).set({ lastHeartbeatAt: sql`now() - interval '1 minute'` }).where(eq(schema.runtimeNodes.id, "node-stale"));
    // A simulated runtime node: long-polls the feed, "applies" the change, reports it.
    const node = (async () => {
      const r = ChangesResponse.parse((await call(CHANGES, { headers: auth(), path: `/x?after=${latest}` })).json);
      await beat("node-live", r.revision);
      return r;
    })();
    const deploy = await withDeadline(api(POST, w.dev, at("rollout"), { body: { code: HELLO } }), 5_000, "deploy");
    expect(deploy.status).toBe(201);
    expect(deploy.json).toMatchObject({ version: 1, nodes: { applied: 1, total: 1 }, liveMs: expect.any(Number) });
    const seen = await withDeadline(node, 5_000, "simulated node");
    expect(seen.changes).toEqual([expect.objectContaining({ kind: "function.deployed", revision: deploy.json.revision })]);
  });

  it("answers after the wait with liveMs null when a node lags", async () => {
    await create("laggard");
    const db = await getDb();
    await db.update(schema.runtimeNodes).set({ lastHeartbeatAt: sql`now() - interval '1 minute'` });
    await beat("node-lagging", 0);
    await beat("node-ahead", 1_000_000_000);
    const r = await withDeadline(api(POST, w.dev, at("laggard"), { body: { code: HELLO } }), 9_000, "deploy");
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ version: 1, liveMs: null, nodes: { applied: 1, total: 2 } });
    const [v] = await db.select().from(schema.functionVersions).orderBy(desc(schema.functionVersions.createdAt)).limit(1);
    expect(v).toMatchObject({ number: 1 });
  });
});
