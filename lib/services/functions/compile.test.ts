import { describe, expect, it } from "vitest";
import { CompileFailed, compileFunction } from "./compile";

async function failure(files: Record<string, string>, entry = "index.ts"): Promise<CompileFailed> {
  try {
    await compileFunction(files, entry);
  } catch (err) {
    if (err instanceof CompileFailed) return err;
    throw err;
  }
  throw new Error("expected a compile failure");
}

describe("compileFunction", () => {
  it("bundles TypeScript and JavaScript files into one ES module with a source map", async () => {
    const out = await compileFunction(
      {
        "index.ts": 'import { n } from "./lib/n";\nimport data from "./data.json";\nexport default { fetch: (): Response => new Response(String(n + data.k)) };\n',
        "lib/n.js": "export const n = 40;\n",
        "data.json": '{ "k": 2 }',
      },
      "index.ts",
    );
    expect(out.code).toMatch(/export\s*\{[\s\S]*as default/);
    expect(out.code).not.toContain("): Response");
    const map = JSON.parse(out.sourceMap) as { sources: string[]; sourcesContent: string[] };
    expect(map.sources.sort()).toEqual(["data.json", "index.ts", "lib/n.js"]);
    expect(map.sourcesContent.every((s) => s.length > 0)).toBe(true);
  });

  it("targets es2022 and keeps addEventListener-style functions as they are", async () => {
    const out = await compileFunction({ "worker.js": 'addEventListener("fetch", (e) => e.respondWith(new Response(e.request?.url ?? "")));\n' }, "worker.js");
    expect(out.code).toContain("?.url ?? ");
  });

  it("reports syntax and type-stripping errors with 1-based line and column", async () => {
    const err = await failure({ "index.ts": "const ok = 1;\nconst x: = 2;\n" });
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ file: "index.ts", line: 2, column: 10, text: expect.any(String) }]);
  });

  it("refuses packages, Node built-ins, URLs and paths outside the function", async () => {
    for (const spec of ["react", "node:fs", "fs", "https://example.com/x.js", "../../../etc/passwd", "/etc/passwd"]) {
      const err = await failure({ "index.ts": `import * as m from ${JSON.stringify(spec)};\nconsole.log(m);\n` });
      expect(err.errors[0]).toMatchObject({ file: "index.ts", line: 1 });
    }
  });
});
