import { beforeAll, describe, expect, it } from "vitest";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { GET, PUT } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
const at = (fn: string) => ({ tenant: w.tenant.slug, function: fn });
const put = (who: { token?: string; cookie?: string }, fn: string, body: unknown) => api(PUT, who, at(fn), { method: "PUT", body });

describe("/api/v1/tenants/{tenant}/functions/{function}/draft", () => {
  it("opens the live files at revision 0, then saves drafts with increasing revisions", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "drafty" } });
    const empty = await api(GET, w.dev, at("drafty"));
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ files: { "index.ts": "" }, entry: "index.ts", revision: 0 });

    expect((await api(DEPLOY, w.dev, at("drafty"), { body: { code: HELLO } })).status).toBe(201);
    expect((await api(GET, w.viewer, at("drafty"))).json).toMatchObject({ files: { "index.ts": HELLO }, revision: 0, updatedBy: null });

    const files = { "index.ts": 'import { x } from "./x";\nexport default { fetch: () => new Response(x) };\n', "x.ts": 'export const x = "x";\n' };
    const first = await put(w.dev, "drafty", { files, entry: "index.ts", baseRevision: 0 });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ files, entry: "index.ts", revision: 1, updatedBy: w.dev.id });
    const second = await put(w.owner, "drafty", { files: { ...files, "x.ts": 'export const x = "y";\n' }, entry: "index.ts", baseRevision: 1 });
    expect(second.json).toMatchObject({ revision: 2 });
    expect((await api(GET, w.viewer, at("drafty"))).json).toMatchObject({ revision: 2, files: { "x.ts": 'export const x = "y";\n' } });
  });

  it("refuses a save based on a stale revision with 409 and keeps the newer draft", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "raced" } });
    const files = { "index.ts": "export default {};\n" };
    expect((await put(w.dev, "raced", { files, entry: "index.ts", baseRevision: 0 })).status).toBe(200);
    // A second tab that also opened revision 0.
    const stale = await put(w.dev, "raced", { files: { "index.ts": "// other tab\n" }, entry: "index.ts", baseRevision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "conflict", message: expect.stringContaining("changed elsewhere since you opened it") });
    expect((await put(w.dev, "raced", { files, entry: "index.ts", baseRevision: 7 })).status).toBe(409);
    expect((await api(GET, w.dev, at("raced"))).json).toMatchObject({ revision: 1, files });
  });

  it("rejects bad bodies with 400 naming the field", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "strict" } });
    const cases: [unknown, string][] = [
      [{ files: { "index.ts": "" }, entry: "index.ts" }, "baseRevision"],
      [{ files: { "../evil.ts": "" }, entry: "index.ts", baseRevision: 0 }, "files"],
      [{ files: { "index.ts": "" }, entry: "main.ts", baseRevision: 0 }, "entry"],
      [{ files: {}, entry: "index.ts", baseRevision: 0 }, "files"],
      [{ files: { "index.ts": "" }, entry: "index.ts", baseRevision: -1 }, "baseRevision"],
    ];
    for (const [body, field] of cases) {
      const r = await put(w.dev, "strict", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error?.issues?.[0]?.path.split(".")[0]).toBe(field);
    }
    expect((await api(PUT, w.dev, at("strict"), { method: "PUT", rawBody: "{" })).status).toBe(400);
  });

  it("lets a viewer read the draft but not save it (403)", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "readonly" } });
    expect((await api(GET, w.viewer, at("readonly"))).status).toBe(200);
    const r = await put(w.viewer, "readonly", { files: { "index.ts": "" }, entry: "index.ts", baseRevision: 0 });
    expect(r.status).toBe(403);
    expect((await api(GET, w.viewer, at("readonly"))).json).toMatchObject({ revision: 0 });
  });

  it("answers 404 for another tenant's draft, by token and by session", async () => {
    await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "secret-draft" } });
    await put(w.dev, "secret-draft", { files: { "index.ts": "// mine\n" }, entry: "index.ts", baseRevision: 0 });
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      for (const tenant of [w.tenant.slug, w.otherTenant.slug]) {
        const p = { tenant, function: "secret-draft" };
        expect((await api(GET, who, p)).status).toBe(404);
        expect((await api(PUT, who, p, { method: "PUT", body: { files: { "index.ts": "// pwned\n" }, entry: "index.ts", baseRevision: 1 } })).status).toBe(404);
      }
    }
    expect((await api(GET, w.dev, at("secret-draft"))).json).toMatchObject({ revision: 1, files: { "index.ts": "// mine\n" } });
  });
});
