/** Fetch-standard Headers: case-insensitive, combined values, sorted iteration, getSetCookie. */
export type HeadersInitLike = Headers | [string, string][] | Record<string, string> | Iterable<readonly [string, string]>;

const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class Headers {
  #store = new Map<string, string[]>();
  /** A request's headers as the host received them, parsed on first use (see _fromHost). */
  #raw: string | null = null;

  get #map(): Map<string, string[]> {
    if (this.#raw !== null) this.#parseRaw();
    return this.#store;
  }

  /**
   * The incoming request's headers, "name\nvalue\nname\nvalue..." as Node's HTTP parser
   * produced them: names are tokens and values are trimmed, with no NUL, CR, LF or other
   * control characters (it answers 400 otherwise), so nothing is validated again. Most handlers
   * never read them; they are split only when first used.
   */
  static _fromHost(raw: string): Headers {
    const h = new Headers();
    if (raw !== "") h.#raw = raw;
    return h;
  }

  #parseRaw(): void {
    const parts = this.#raw!.split("\n");
    this.#raw = null;
    const map = this.#store;
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const k = parts[i]!.toLowerCase();
      const list = map.get(k);
      if (list) list.push(parts[i + 1]!);
      else map.set(k, [parts[i + 1]!]);
    }
  }

  constructor(init?: HeadersInitLike | null) {
    if (init === undefined || init === null) return;
    if (init instanceof Headers) {
      for (const [k, vs] of init.#map) this.#map.set(k, [...vs]);
    } else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === "function") {
      for (const pair of init as Iterable<readonly [string, string]>) {
        const arr = Array.from(pair as Iterable<string>);
        if (arr.length !== 2) throw new TypeError("Header pairs must contain exactly two items");
        this.append(arr[0]!, arr[1]!);
      }
    } else if (typeof init === "object") {
      for (const k of Object.keys(init)) this.append(k, (init as Record<string, string>)[k]!);
    }
  }

  #key(name: string): string {
    const k = String(name);
    if (!NAME.test(k)) throw new TypeError(`Invalid header name: "${k}"`);
    return k.toLowerCase();
  }
  append(name: string, value: string): void {
    const k = this.#key(name);
    const v = normalize(value);
    const list = this.#map.get(k);
    if (list) list.push(v);
    else this.#map.set(k, [v]);
  }
  set(name: string, value: string): void {
    this.#map.set(this.#key(name), [normalize(value)]);
  }
  delete(name: string): void {
    this.#map.delete(this.#key(name));
  }
  get(name: string): string | null {
    const list = this.#map.get(this.#key(name));
    return list ? list.join(", ") : null;
  }
  getSetCookie(): string[] {
    return [...(this.#map.get("set-cookie") ?? [])];
  }
  has(name: string): boolean {
    return this.#map.has(this.#key(name));
  }
  forEach(cb: (value: string, key: string, parent: Headers) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
  *entries(): IterableIterator<[string, string]> {
    const keys = [...this.#map.keys()].sort();
    for (const k of keys) {
      if (k === "set-cookie") for (const v of this.#map.get(k)!) yield [k, v];
      else yield [k, this.#map.get(k)!.join(", ")];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  /** Flat list for crossing to the host (set-cookie kept as separate entries). */
  _list(): [string, string][] {
    return [...this.entries()];
  }
  /**
   * The same as one "name\nvalue\nname\nvalue" string, for the response head: a string crosses
   * to the host several µs cheaper than nested arrays, and neither a name (a token) nor a value
   * (checked by normalize) can contain "\n".
   */
  _flat(): string {
    const map = this.#map;
    const keys = map.size === 1 ? [map.keys().next().value!] : [...map.keys()].sort();
    let out = "";
    for (const k of keys) {
      const vs = map.get(k)!;
      if (k === "set-cookie") for (const v of vs) out += out === "" ? `${k}\n${v}` : `\n${k}\n${v}`;
      else out += out === "" ? `${k}\n${vs.join(", ")}` : `\n${k}\n${vs.join(", ")}`;
    }
    return out;
  }
}

function normalize(value: string): string {
  const v = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  if (/[\0\r\n]/.test(v)) throw new TypeError("Invalid header value");
  return v;
}
