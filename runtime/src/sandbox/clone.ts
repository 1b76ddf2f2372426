/** structuredClone (HTML standard's StructuredSerialize/Deserialize, in one pass, in the isolate). */
import { Blob, File } from "./blob.ts";
import { DOMException } from "./events.ts";

const ERRORS: Record<string, ErrorConstructor> = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function fail(what: string): never {
  throw new DOMException(`${what} could not be cloned.`, "DataCloneError");
}

export function structuredClone<T>(value: T, options: { transfer?: unknown[] } = {}): T {
  if (arguments.length === 0) throw new TypeError("1 argument required, but only 0 present.");
  const memory = new Map<unknown, unknown>();
  const transfer = options.transfer ?? [];
  for (const t of transfer) if (!(t instanceof ArrayBuffer)) fail("Value in the transfer list");
  const copy = (v: unknown): unknown => {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) {
      if (typeof v === "symbol") fail(String(v));
      return v;
    }
    if (typeof v === "function") fail(`${String(v).slice(0, 40)}`);
    if (memory.has(v)) return memory.get(v);
    const o = v as object;
    const tag = Object.prototype.toString.call(o).slice(8, -1);
    let out: unknown;
    if (o instanceof Boolean || o instanceof Number || o instanceof String || (typeof BigInt === "function" && tag === "BigInt")) out = Object(o.valueOf());
    else if (o instanceof Date) out = new Date(o.getTime());
    else if (o instanceof RegExp) out = new RegExp(o.source, o.flags);
    else if (o instanceof ArrayBuffer) out = o.slice(0);
    else if (ArrayBuffer.isView(o)) {
      const buffer = copy(o.buffer) as ArrayBuffer;
      const Ctor = (o as unknown as { constructor: new (b: ArrayBuffer, off: number, len: number) => unknown }).constructor;
      const len = o instanceof DataView ? o.byteLength : (o as unknown as { length: number }).length;
      out = new Ctor(buffer, o.byteOffset, len);
    } else if (o instanceof File) {
      const f = new File([], o.name, { type: o.type, lastModified: o.lastModified });
      f._bytes = o._bytes.slice();
      out = f;
    } else if (o instanceof Blob) out = o.slice(0, o.size, o.type);
    else if (o instanceof DOMException) out = new DOMException(o.message, o.name);
    else if (o instanceof Error) {
      const Ctor = ERRORS[o.name] ?? Error;
      const e = new Ctor(o.message);
      if (o.stack !== undefined) Object.defineProperty(e, "stack", { value: o.stack, writable: true, configurable: true });
      if ("cause" in o) {
        memory.set(v, e);
        (e as { cause?: unknown }).cause = copy(o.cause);
      }
      out = e;
    } else if (o instanceof Map) {
      const m = new Map();
      memory.set(v, m);
      for (const [k, val] of o) m.set(copy(k), copy(val));
      return m;
    } else if (o instanceof Set) {
      const s = new Set();
      memory.set(v, s);
      for (const val of o) s.add(copy(val));
      return s;
    } else if (Array.isArray(o)) {
      const a: unknown[] = new Array(o.length);
      memory.set(v, a);
      for (const k of Object.keys(o)) (a as unknown as Record<string, unknown>)[k] = copy((o as unknown as Record<string, unknown>)[k]);
      return a;
    } else if (tag === "Object" || Object.getPrototypeOf(o) === null || isPlainClassInstance(o)) {
      if (o instanceof Promise || o instanceof WeakMap || o instanceof WeakSet) fail(tag);
      const r: Record<string, unknown> = {};
      memory.set(v, r);
      for (const k of Object.keys(o)) r[k] = copy((o as Record<string, unknown>)[k]);
      return r;
    } else fail(`#<${tag}>`);
    memory.set(v, out);
    return out;
  };
  const result = copy(value) as T;
  // Transferred buffers are detached in the sender, as the spec requires.
  for (const t of transfer) (t as ArrayBuffer & { transfer?: () => ArrayBuffer }).transfer?.();
  return result;
}

/** Instances of user classes serialise as plain objects (their own enumerable data only). */
function isPlainClassInstance(o: object): boolean {
  if (o instanceof Promise || o instanceof WeakMap || o instanceof WeakSet || o instanceof WeakRef) return false;
  return Object.prototype.toString.call(o) === "[object Object]";
}
