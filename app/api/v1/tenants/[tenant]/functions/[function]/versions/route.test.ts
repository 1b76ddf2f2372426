// Also covers versions/[version]/route.ts: both read the same fixture of two deployed versions.
import { beforeAll, describe, expect, it } from "vitest";
import { api, HELLO, world } from "@/lib/services/functions/test-support";
import { POST as CREATE } from "../../route";
import { POST as DEPLOY } from "../deployments/route";
import { GET as GET_ONE } from "./[version]/route";
import { GET } from "./route";

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
  await api(CREATE, w.dev, { tenant: w.tenant.slug }, { body: { name: "versioned" } });
  await api(DEPLOY, w.dev, at(), { body: { files: { "index.ts": HELLO, "util.ts": "export const x = 1;\n" }, message: "one" } });
  await api(DEPLOY, w.dev, at(), { body: { code: HELLO.replace("hello", "hello again"), message: "two" } });
});
const at = (extra: Record<string, string> = {}) => ({ tenant: w.tenant.slug, function: "versioned", ...extra });

describe("GET .../functions/{function}/versions", () => {
  it("lists versions newest first, without code", async () => {
    const r = await api(GET, w.viewer, at());
    expect(r.status).toBe(200);
    expect(r.json.versions).toEqual([
      expect.objectContaining({ number: 2, message: "two", live: true, fileNames: ["index.ts"], entry: "index.ts" }),
      expect.objectContaining({ number: 1, message: "one", live: false, fileNames: ["index.ts", "util.ts"] }),
    ]);
    expect(JSON.stringify(r.json)).not.toMatch(/compiledCode|sourceMap|hello/);
  });

  it("answers 404 for another tenant's function, by token and by session", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET, who, at())).status).toBe(404);
      expect((await api(GET, who, { tenant: w.otherTenant.slug, function: "versioned" })).status).toBe(404);
    }
  });
});

describe("GET .../functions/{function}/versions/{n}", () => {
  it("returns a version's files, and its compiled code only when asked", async () => {
    const r = await api(GET_ONE, w.viewer, at({ version: "1" }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ number: 1, live: false, files: { "index.ts": HELLO, "util.ts": "export const x = 1;\n" } });
    expect(r.json).not.toHaveProperty("compiledCode");
    const c = await api(GET_ONE, w.viewer, at({ version: "2" }), { query: "include=compiled" });
    expect(c.json).toMatchObject({ number: 2, live: true, compiledCode: expect.stringContaining("hello again"), sourceMap: expect.stringContaining('"sources"') });
  });

  it("rejects a bad version or include with 400 naming it, and a missing one with 404", async () => {
    const bad = await api(GET_ONE, w.dev, at({ version: "abc" }));
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("version");
    const inc = await api(GET_ONE, w.dev, at({ version: "1" }), { query: "include=everything" });
    expect(inc.json.error?.issues?.[0]?.path).toBe("include");
    expect((await api(GET_ONE, w.dev, at({ version: "9" }))).status).toBe(404);
  });

  it("answers 404 for another tenant's function, by token and by session", async () => {
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      expect((await api(GET_ONE, who, at({ version: "1" }))).status).toBe(404);
      expect((await api(GET_ONE, who, { tenant: w.otherTenant.slug, function: "versioned", version: "1" })).status).toBe(404);
    }
  });
});
