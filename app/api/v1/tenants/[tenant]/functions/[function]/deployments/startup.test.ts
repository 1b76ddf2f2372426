import { describe, expect, it } from "vitest";
import { api } from "@/lib/services/functions/test-support";
import { worldWithRuntime } from "@/lib/services/functions/test-runtime";
import { POST as CREATE } from "../../route";
import { GET as VERSIONS } from "../versions/route";
import { POST as DEPLOY } from "./route";

const t = await worldWithRuntime();

const at = (fn: string) => ({ tenant: t.w.tenant.slug, function: fn });
const create = (name: string) => api(CREATE, t.w.dev, { tenant: t.w.tenant.slug }, { body: { name } });
const deploy = (fn: string, files: Record<string, string>) => api(DEPLOY, t.w.dev, at(fn), { body: { files, entry: "index.ts" } });
const versions = async (fn: string) => ((await api(VERSIONS, t.w.dev, at(fn))).json.versions as unknown[]).length;

const THROWS = `const port = Number("not a number"); console.error("PORT is", port);
if (Number.isNaN(port)) throw new Error("PORT must be a number");

export default { fetch: () => new Response("never") };
`;

describe("a deploy's startup check", () => {
  it("refuses a module whose top level throws, with the file, line and column, and writes nothing", async () => {
    await create("starts-bad");
    const r = await deploy("starts-bad", { "index.ts": THROWS });
    expect(r.status).toBe(400);
    const error = r.json.error as unknown as { code: string; message: string; errors: unknown[]; stack: string; logs: unknown[] };
    expect(error.code).toBe("startup_failed");
    expect(error.message).toBe("The function failed to start: PORT must be a number (index.ts:2:31). Nothing was deployed.");
    // What the top level wrote before it threw.
    expect(error.logs).toEqual([{ level: "error", message: "PORT is NaN" }]);
    expect(error.errors).toEqual([{ file: "index.ts", line: 2, column: 31, text: "PORT must be a number" }]);
    expect(error.stack).not.toMatch(/file:|node:|isolated-vm|runtime\/src/);
    expect(await versions("starts-bad")).toBe(0);
  });

  it("points into the imported file that threw", async () => {
    await create("starts-bad-import");
    const r = await deploy("starts-bad-import", {
      "index.ts": `import { limit } from "./lib/config";\nexport default { fetch: () => new Response(String(limit)) };\n`,
      "lib/config.ts": `export const limit = JSON.parse("{}").max.value;\n`,
    });
    expect(r.status).toBe(400);
    const error = r.json.error as unknown as { code: string; errors: { file: string; line: number }[] };
    expect(error.code).toBe("startup_failed");
    expect(error.errors).toEqual([expect.objectContaining({ file: "lib/config.ts", line: 1 })]);
  });

  it("refuses a top level that never finishes (stopped at the startup budget)", async () => {
    await create("starts-never");
    const r = await deploy("starts-never", { "index.ts": `for (;;) {}\nexport default { fetch: () => new Response("never") };\n` });
    expect(r.status).toBe(400);
    expect((r.json.error as { code: string }).code).toBe("startup_failed");
    expect(await versions("starts-never")).toBe(0);
  });

  it("lets a module that starts go live, and says it was checked", async () => {
    await create("starts-fine");
    const r = await deploy("starts-fine", { "index.ts": `const greeting = "hi";\nexport default { fetch: () => new Response(greeting) };\n` });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ version: 1, startupCheck: "passed" });
  });

  it("deploys unchecked when no runtime answers (the runtime reports a failed start per request)", async () => {
    await t.stopRuntime();
    await create("starts-unchecked");
    const r = await deploy("starts-unchecked", { "index.ts": THROWS });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ version: 1, startupCheck: "skipped" });
  });
});
