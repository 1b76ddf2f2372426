/**
 * A tiny assertion harness that runs INSIDE the isolate. Each conformance fixture calls
 * `conformance(async (t) => { ... })` and the handler answers with the tally as JSON, so the
 * outer test (runtime/src/sandbox/conformance.test.ts) can check that every assertion passed.
 */
function show(v) {
  try {
    return typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return a.byteLength === b.byteLength && Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).every((x, i) => x === new Uint8Array(b.buffer, b.byteOffset, b.byteLength)[i]);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}

export function conformance(body) {
  return {
    async fetch(request, env, ctx) {
      const failures = [];
      let passed = 0;
      let section = "";
      const record = (ok, what) => {
        if (ok) passed++;
        else failures.push(`${section}: ${what}`);
      };
      const t = {
        section(name) {
          section = name;
          // Shows in the function's logs, so a suite that hangs says where.
          console.debug(`conformance section: ${name}`);
        },
        ok(cond, what) {
          record(Boolean(cond), what);
        },
        eq(actual, expected, what) {
          record(same(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
        },
        throws(fn, name, what) {
          try {
            fn();
            record(false, `${what}: did not throw`);
          } catch (e) {
            record(!name || e?.name === name, `${what}: threw ${e?.name}: ${e?.message}`);
          }
        },
        async rejects(p, name, what) {
          try {
            await (typeof p === "function" ? p() : p);
            record(false, `${what}: did not reject`);
          } catch (e) {
            record(!name || e?.name === name, `${what}: rejected with ${e?.name}: ${e?.message}`);
          }
        },
      };
      try {
        await body(t, { request, env, ctx });
      } catch (e) {
        failures.push(`${section}: uncaught ${e?.stack ?? e}`);
      }
      return Response.json({ passed, failed: failures.length, failures });
    },
  };
}

export const bytes = (...xs) => new Uint8Array(xs);
export const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
export const fromHex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
export const enc = (s) => new TextEncoder().encode(s);
export async function readAll(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}
