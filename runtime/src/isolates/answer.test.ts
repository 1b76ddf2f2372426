/**
 * How a handler's answer gets back to the host, through a real isolate. The answer window
 * (sandbox/exchange.ts): which answers take it, that they arrive exactly as the handler made them,
 * that everything else still arrives through the callback, and that tenant code can neither break
 * it nor reach the shared buffer. And a Response the host could not send (an error Response, a
 * status or body overwritten by the handler) is the handler's error, said as such.
 */
import { afterAll, describe, expect, it } from "vitest";
import { instanceOf } from "../../test/helpers.ts";
import { FunctionInstance, type Outcome } from "./instance.ts";

const HEADERS = ["host", "w.t.edge.localhost", "accept", "*/*"].join("\n");
const live: FunctionInstance[] = [];

async function instance(code: string): Promise<FunctionInstance> {
  const inst = await instanceOf(code);
  live.push(inst);
  return inst;
}

/** One request run inline, as the public server runs them; how it came back, and what. */
async function request(inst: FunctionInstance, path = "/"): Promise<{ windowed: boolean; outcome: Outcome }> {
  const before = inst.windowed;
  const outcome = await inst.dispatch("GET", `http://w.t.edge.localhost${path}`, HEADERS, -1, 1000);
  return { windowed: inst.windowed === before + 1, outcome };
}

afterAll(() => {
  for (const i of live) i.dispose();
  FunctionInstance.disposeSpares();
});

describe("answer window", () => {
  it("carries a small string answer exactly: status, status text, headers and body", async () => {
    const body = "héllo ✓ 🎉 \u0000 \ud800 end";
    const inst = await instance(`export default { async fetch() { return new Response(${JSON.stringify(body)}, { status: 201, statusText: "Made", headers: { "x-a": "1", "content-type": "text/x-test" } }); } };`);
    for (let i = 0; i < 3; i++) {
      const { windowed, outcome } = await request(inst);
      expect(windowed).toBe(true);
      expect(outcome).toEqual({ ok: true, status: 201, statusText: "Made", headers: "content-type\ntext/x-test\nx-a\n1", body, streamId: -1 });
    }
  });

  it("sends headers once while they stay the same, and again as soon as they change", async () => {
    const inst = await instance(`export default { async fetch(req) {
      const p = new URL(req.url).pathname;
      if (p === "/json") return Response.json({ p });
      if (p === "/bytes") return new Response(new Uint8Array([1]), { headers: { "x-kind": "bytes" } });
      return new Response(p, { headers: { "x-path": p } });
    } };`);
    const text = "content-type\ntext/plain;charset=UTF-8";
    const expected: Record<string, string> = { "/a": `${text}\nx-path\n/a`, "/b": `${text}\nx-path\n/b`, "/json": "content-type\napplication/json", "/bytes": "x-kind\nbytes" };
    // Repeats, changes, and answers through the callback in between: each must keep its own headers.
    for (const p of ["/a", "/a", "/b", "/b", "/a", "/json", "/json", "/bytes", "/json", "/a"]) {
      const { windowed, outcome } = await request(inst, p);
      expect(windowed).toBe(p !== "/bytes");
      expect(outcome.ok && outcome.headers, p).toBe(expected[p]);
    }
  });

  it("carries an answer without a body as null, not as an empty string", async () => {
    const inst = await instance(`export default { async fetch() { return new Response(null, { status: 204 }); } };`);
    const { windowed, outcome } = await request(inst);
    expect(windowed).toBe(true);
    expect(outcome).toMatchObject({ ok: true, status: 204, body: null, streamId: -1 });
  });

  it("leaves byte bodies, answers too large for it and streams to the callback", async () => {
    const inst = await instance(`export default { async fetch(req) {
      const p = new URL(req.url).pathname;
      if (p === "/bytes") return new Response(new Uint8Array([1, 2, 3]));
      if (p === "/large") return new Response("x".repeat(5000));
      if (p === "/stream") return new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([7])); c.close(); } }));
      return new Response("small");
    } };`);
    const bytes = await request(inst, "/bytes");
    expect(bytes.windowed).toBe(false);
    expect(bytes.outcome).toMatchObject({ ok: true, status: 200, body: new Uint8Array([1, 2, 3]) });
    const large = await request(inst, "/large");
    expect(large.windowed).toBe(false);
    expect(large.outcome).toMatchObject({ ok: true, body: "x".repeat(5000) });
    const stream = await request(inst, "/stream");
    expect(stream.windowed).toBe(false);
    expect(stream.outcome.ok && stream.outcome.streamId).toBeGreaterThan(0);
    // The window is still there for the next small answer.
    expect(await request(inst, "/")).toMatchObject({ windowed: true, outcome: { body: "small" } });
  });

  it("leaves an answer that settles after the host's call returned to the callback", async () => {
    const inst = await instance(`export default { async fetch() { await new Promise((r) => setTimeout(r, 5)); return new Response("late"); } };`);
    for (let i = 0; i < 3; i++) {
      // The first timer makes the instance threaded: later requests are not run inline at all.
      const { windowed, outcome } = await request(inst);
      expect(windowed).toBe(false);
      expect(outcome).toMatchObject({ ok: true, status: 200, body: "late" });
    }
  });

  it("answers intact when the tenant replaced String.prototype.charCodeAt with one that lies", async () => {
    const inst = await instance(`export default { async fetch() {
        const r = new Response("intact");
        String.prototype.charCodeAt = function (i) { return 88; };
        return r;
      } };`);
    for (let i = 0; i < 2; i++) {
      const { windowed, outcome } = await request(inst);
      expect(windowed).toBe(false);
      expect(outcome).toMatchObject({ ok: true, status: 200, headers: "content-type\ntext/plain;charset=UTF-8", body: "intact" });
    }
  });

  it("still answers when the tenant breaks String.prototype.charCodeAt", async () => {
    // Broken only once the response is made: the prelude's own encoding of the body needs it.
    const inst = await instance(`const orig = String.prototype.charCodeAt; let armed = false;
      String.prototype.charCodeAt = function (i) { if (armed) throw new Error("no"); return Reflect.apply(orig, this, [i]); };
      export default { async fetch() { armed = false; const r = new Response("still here"); armed = true; return r; } };`);
    const { windowed, outcome } = await request(inst);
    expect(windowed).toBe(false);
    expect(outcome).toMatchObject({ ok: true, status: 200, body: "still here" });
  });

  it("never hands the shared buffer to tenant code, whatever it replaces", async () => {
    // Every accessor and method a writer could touch on a typed array, and the Atomics functions,
    // replaced by ones that keep whatever shared buffer they see.
    const inst = await instance(`
      const seen = [];
      const keep = (v) => { try { if (v && v.buffer instanceof SharedArrayBuffer) seen.push(v.buffer); } catch {} try { if (v instanceof SharedArrayBuffer) seen.push(v); } catch {} };
      const TA = Object.getPrototypeOf(Uint8Array.prototype);
      for (const proto of [TA, Int32Array.prototype, Uint16Array.prototype]) {
        for (const name of Reflect.ownKeys(proto)) {
          const d = Object.getOwnPropertyDescriptor(proto, name);
          if (!d || !d.configurable || name === "constructor") continue;
          if (d.get) Object.defineProperty(proto, name, { configurable: true, get() { keep(this); return Reflect.apply(d.get, this, []); } });
          else if (typeof d.value === "function") Object.defineProperty(proto, name, { configurable: true, writable: true, value: function (...a) { keep(this); return Reflect.apply(d.value, this, a); } });
        }
      }
      for (const name of Object.getOwnPropertyNames(Atomics)) {
        const f = Atomics[name];
        if (typeof f === "function") Atomics[name] = (...a) => { a.forEach(keep); return Reflect.apply(f, Atomics, a); };
      }
      export default { async fetch() { return new Response(String(seen.length)); } };`);
    const first = await request(inst);
    expect(first).toMatchObject({ windowed: true, outcome: { body: "0" } });
    // The second request reports what the first one's answer let tenant code see.
    const second = await request(inst);
    expect(second).toMatchObject({ windowed: true, outcome: { body: "0" } });
  });
});

describe("a Response the host could not send", () => {
  it("is the handler's TypeError, with what is wrong, not a platform error", async () => {
    const inst = await instance(`export default { async fetch(req) {
      const p = new URL(req.url).pathname;
      if (p === "/error") return Response.error();
      const r = new Response("x");
      if (p === "/status") r.status = 7000;
      if (p === "/object") r.status = {};
      if (p === "/text") r.statusText = 42;
      if (p === "/body") r._body = { bytes: { length: 1 }, stream: null, contentType: null };
      return r;
    } };`);
    const cases: [string, RegExp][] = [
      ["/error", /error Response \(Response\.error\(\)\)/],
      ["/status", /status 7000; it must be an integer from 200 to 599/],
      ["/object", /status object;/],
      ["/text", /statusText or headers were replaced/],
      ["/body", /body was replaced/],
    ];
    for (const [p, message] of cases) {
      const { outcome } = await request(inst, p);
      expect(outcome, p).toMatchObject({ ok: false, name: "TypeError", message: expect.stringMatching(message) });
    }
    expect((await request(inst, "/")).outcome).toMatchObject({ ok: true, status: 200, body: "x" });
  });
});
