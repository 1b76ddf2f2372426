/** Readable formatting of console arguments, close to Node's util.inspect and format specifiers. */
const MAX_DEPTH = 2;
const MAX_ITEMS = 100;
const IDENT = /^[A-Za-z_$][\w$]*$/;

function key(k: string | symbol): string {
  if (typeof k === "symbol") return `[${String(k)}]`;
  return IDENT.test(k) ? k : `'${k.replace(/'/g, "\\'")}'`;
}

function ctorName(o: object): string | null {
  const proto = Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null;
  if (proto === null) return "[Object: null prototype]";
  return proto.constructor?.name ?? null;
}

function wrap(prefix: string, items: string[], open: string, close: string): string {
  if (items.length === 0) return `${prefix}${open}${close}`;
  const oneLine = `${prefix}${open} ${items.join(", ")} ${close}`;
  if (oneLine.length <= 80 && !oneLine.includes("\n")) return oneLine;
  return `${prefix}${open}\n${items.map((i) => "  " + i.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
}

/** Formats one value for display (strings quoted, objects expanded two levels deep). */
export function inspect(value: unknown, depth = 0, seen: object[] = []): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
    case "bigint":
      return `${value}n`;
    case "symbol":
      return String(value);
    case "undefined":
      return "undefined";
    case "function":
      return `[${/^class\s/.test(Function.prototype.toString.call(value)) ? "class" : "Function"}: ${value.name || "(anonymous)"}]`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return String(value);
  }
  if (value === null) return "null";
  const o = value as object;
  if (seen.includes(o)) return "[Circular]";
  if (o instanceof Error) return o.stack ?? `${o.name}: ${o.message}`;
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? "Invalid Date" : o.toISOString();
  if (o instanceof RegExp) return String(o);
  if (o instanceof Promise) return "Promise { <pending> }";
  if (o instanceof WeakMap || o instanceof WeakSet) return `${ctorName(o)} { <items unknown> }`;
  const name = ctorName(o);
  const next = [...seen, o];
  const sub = (v: unknown): string => inspect(v, depth + 1, next);
  if (depth > MAX_DEPTH) return Array.isArray(o) ? "[Array]" : `[${name ?? "Object"}]`;
  if (Array.isArray(o)) {
    const items = o.slice(0, MAX_ITEMS).map(sub);
    if (o.length > MAX_ITEMS) items.push(`... ${o.length - MAX_ITEMS} more items`);
    return wrap(name && name !== "Array" ? `${name}(${o.length}) ` : "", items, "[", "]");
  }
  if (ArrayBuffer.isView(o) && !(o instanceof DataView)) {
    const arr = Array.from(o as unknown as ArrayLike<number>);
    const items = arr.slice(0, MAX_ITEMS).map((n) => String(n));
    if (arr.length > MAX_ITEMS) items.push(`... ${arr.length - MAX_ITEMS} more items`);
    return wrap(`${name}(${arr.length}) `, items, "[", "]");
  }
  if (o instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${o.byteLength} }`;
  if (o instanceof Map) return wrap(`Map(${o.size}) `, [...o].slice(0, MAX_ITEMS).map(([k, v]) => `${sub(k)} => ${sub(v)}`), "{", "}");
  if (o instanceof Set) return wrap(`Set(${o.size}) `, [...o].slice(0, MAX_ITEMS).map(sub), "{", "}");
  const keys: (string | symbol)[] = Object.keys(o);
  for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  const items = keys.slice(0, MAX_ITEMS).map((k) => `${key(k)}: ${sub((o as Record<string | symbol, unknown>)[k])}`);
  const tag = (o as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  let prefix = name && name !== "Object" ? `${name} ` : "";
  if (typeof tag === "string" && tag !== name) prefix = `${prefix || "Object "}[${tag}] `;
  return wrap(prefix, items, "{", "}");
}

/** console.log semantics: printf-style specifiers in a leading string, then inspected values. */
export function formatArgs(args: unknown[]): string {
  const out: string[] = [];
  let i = 0;
  if (typeof args[0] === "string" && args.length > 1 && args[0].includes("%")) {
    i = 1;
    out.push(
      args[0].replace(/%([sdifjoOc%])/g, (m, c: string) => {
        if (c === "%") return "%";
        if (i >= args.length) return m;
        const a = args[i++];
        if (c === "s") return typeof a === "string" ? a : inspect(a, 1);
        if (c === "d" || c === "i") return typeof a === "bigint" ? `${a}n` : String(c === "i" ? Math.trunc(Number(a)) : Number(a));
        if (c === "f") return String(Number(a));
        if (c === "j") {
          try {
            return JSON.stringify(a);
          } catch {
            return "[Circular]";
          }
        }
        if (c === "c") return "";
        return inspect(a, 1);
      }),
    );
  }
  for (; i < args.length; i++) out.push(inspect(args[i]));
  return out.join(" ");
}
