/**
 * runtime/types matches the isolate: the generated declarations are up to date with the globals a
 * real prelude isolate has, and a Workers-style function type-checks against them with only the
 * ES library (no lib.dom), while browser-only globals do not.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../../lib/templates/index.ts";
import { declaredNames, generate, isolateGlobals } from "../../types/generate.ts";

const DIR = path.join(import.meta.dirname, "..", "..", "types");

function check(source: string): string[] {
  const file = path.join(DIR, "__sample__.ts");
  const host = ts.createCompilerHost({});
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? source : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const options: ts.CompilerOptions = { lib: ["lib.es2022.d.ts"], types: [], strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext };
  const program = ts.createProgram([file, path.join(DIR, "runtime.d.ts"), path.join(DIR, "web.generated.d.ts")], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

describe("runtime/types", () => {
  it("declares exactly the isolate's globals and is regenerated (node runtime/types/generate.ts)", async () => {
    const globals = await isolateGlobals();
    expect(globals).toContain("URLPattern");
    expect(globals).toContain("CompressionStream");
    const { dts, editor } = generate(globals);
    expect(fs.readFileSync(path.join(DIR, "web.generated.d.ts"), "utf8")).toBe(dts);
    expect(fs.readFileSync(path.join(DIR, "editor.generated.ts"), "utf8")).toBe(editor);
    const declared = new Set([...declaredNames(dts), ...declaredNames(fs.readFileSync(path.join(DIR, "runtime.d.ts"), "utf8"))]);
    for (const g of globals) expect(declared.has(g), g).toBe(true);
  }, 30_000);

  it("type-checks a Workers-style function with only the ES library", () => {
    const errors = check(`
      export default {
        async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
          const url = new URL(request.url);
          const pattern = new URLPattern({ pathname: "/users/:id" });
          const id = pattern.exec(url)?.pathname.groups.id ?? "none";
          const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(env.SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
          const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(id));
          ctx.waitUntil(Promise.resolve(console.log("signed", btoa(String.fromCharCode(...new Uint8Array(sig))))));
          const gz = new Response("x").body!.pipeThrough(new CompressionStream("gzip"));
          const signal = AbortSignal.any([request.signal, AbortSignal.timeout(1000)]);
          const form = new FormData();
          form.append("file", new Blob(["x"]), "x.txt");
          setTimeout(() => queueMicrotask(() => performance.now()), 1);
          return Response.json({ id, ua: navigator.userAgent, aborted: signal.aborted, gz: gz instanceof ReadableStream, clone: structuredClone({ a: 1 }) });
        },
      } satisfies ExportedHandler;
    `);
    expect(errors).toEqual([]);
  });

  it("type-checks every starter template as the editor shows it (no squiggles in stock code)", () => {
    for (const t of TEMPLATES) {
      for (const [name, source] of Object.entries(t.files)) expect(check(source), `${t.id}/${name}`).toEqual([]);
    }
  });

  it("rejects browser-only globals that the isolate does not have", () => {
    const errors = check(`document.title = "x"; localStorage.getItem("k"); new XMLHttpRequest(); caches.open("c");`).join("\n");
    for (const name of ["document", "localStorage", "XMLHttpRequest", "caches"]) expect(errors).toContain(`Cannot find name '${name}'`);
  });
});
