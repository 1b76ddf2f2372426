/**
 * Libraries the prelude loads on first use (sandbox/libs.ts): URLPattern and the compression
 * streams work wherever tenant code reaches for them (at module top level, inline on the host
 * thread, after an await on isolated-vm's threads), their source is not in the prelude every
 * isolate carries, and loading one leaves nothing behind that tenant code could call.
 */
import { afterAll, describe, expect, it } from "vitest";
import { instanceOf } from "../../test/helpers.ts";
import { FunctionInstance, type Outcome } from "./instance.ts";
import { preludeSource } from "./prelude.ts";

const HEADERS = ["host", "l.t.edge.localhost"].join("\n");
const live: FunctionInstance[] = [];

async function instance(code: string): Promise<FunctionInstance> {
  const inst = await instanceOf(code);
  live.push(inst);
  return inst;
}

async function text(inst: FunctionInstance, path: string, inline: boolean): Promise<string> {
  const o: Outcome = await inst.dispatch("GET", `http://l.t.edge.localhost${path}`, HEADERS, -1, inline ? 1000 : null);
  if (!o.ok) throw new Error(`${o.name}: ${o.message}`);
  return String(o.body);
}

afterAll(() => {
  for (const i of live) i.dispose();
  FunctionInstance.disposeSpares();
});

const ROUND_TRIP = `
  async function roundTrip(s) {
    const zipped = new Response(new Response(s).body.pipeThrough(new CompressionStream("gzip")));
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    const back = await new Response(new Response(bytes).body.pipeThrough(new DecompressionStream("gzip"))).text();
    return bytes[0] + "," + bytes[1] + ":" + back;
  }`;

describe("libraries loaded on first use", () => {
  it("serves URLPattern at module top level and compression inline and on isolated-vm's threads", async () => {
    const inst = await instance(`${ROUND_TRIP}
      const route = new URLPattern({ pathname: "/books/:id" });
      export default { async fetch(request) {
        const url = new URL(request.url);
        if (url.pathname === "/later") await new Promise((r) => setTimeout(r, 1));
        if (url.pathname.startsWith("/books/")) return new Response(route.exec(request.url).pathname.groups.id);
        return new Response(await roundTrip("compressed " + url.pathname));
      } };`);
    expect(await text(inst, "/books/42", true)).toBe("42");
    // gzip's magic bytes, then the text back.
    expect(await text(inst, "/now", true)).toBe("31,139:compressed /now");
    expect(await text(inst, "/later", false)).toBe("31,139:compressed /later");
    expect(inst.threaded).toBe(true);
    expect(await text(inst, "/books/7", false)).toBe("7");
  });

  it("keeps the libraries' source out of the prelude", () => {
    const prelude = preludeSource();
    // fflate's and urlpattern-polyfill's own error messages.
    expect(prelude).not.toContain("invalid zlib data");
    expect(prelude).not.toContain("Duplicate name");
  });

  it("leaves no loader, receiver or library global behind, even for a tenant that planted one", async () => {
    const inst = await instance(`${ROUND_TRIP}
      let planted = 0;
      Object.defineProperty(globalThis, "__edgeLib", { configurable: true, get() { planted++; return {}; }, set() { planted++; } });
      export default { async fetch() {
        await roundTrip("x");
        new URLPattern({ pathname: "/" });
        const left = Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith("__edge") && n !== "__edgeLib");
        return new Response(JSON.stringify({ left, planted, ok: (await roundTrip("again")).endsWith("again") }));
      } };`);
    expect(JSON.parse(await text(inst, "/", true))).toEqual({ left: [], planted: 0, ok: true });
  });
});
