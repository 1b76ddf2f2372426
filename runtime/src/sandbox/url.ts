/**
 * URL and URLSearchParams. Parsing is delegated to the host's WHATWG parser through one sync call
 * (RECIPES: shipping whatwg-url's IDNA tables costs ~500 KB and ~30 ms per isolate), so the class
 * here only holds the parsed parts and re-parses on every setter.
 */
import type { HostBridge, UrlParts } from "./host.ts";

let host: HostBridge;
export function installUrl(h: HostBridge): void {
  host = h;
}

/**
 * Recently parsed URLs: handlers parse the same few URLs again and again (request.url, the
 * Request constructor, routers), and each parse is a crossing to the host. Parsed parts are
 * never mutated (setters replace them), so entries can be shared.
 */
const parsed = new Map<string, UrlParts | null>();
const PARSED_MAX = 128;

/**
 * Absolute http(s) URLs that are already in WHATWG-serialised form (lower-case ASCII host that is
 * not IP-like or punycode, no credentials, no dot segments, nothing to percent-encode) parse the
 * same in JS as on the host; everything else goes to the host's parser.
 */
const SIMPLE = /^(https?):\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::([1-9][0-9]{0,4}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?(\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;
const NOT_SIMPLE_HOST = /(^|\.)(xn--|[0-9]+$|0x[0-9a-f]*$)/;
const DOT_SEGMENT = /\/(\.|%2e){1,2}(\/|$)/i;

function parseSimple(input: string): UrlParts | null {
  const m = SIMPLE.exec(input);
  if (!m) return null;
  const [, scheme, hostname, rawPort, path, query] = m as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
  if (NOT_SIMPLE_HOST.test(hostname) || (path && DOT_SEGMENT.test(path))) return null;
  const portNumber = rawPort === undefined ? 0 : Number(rawPort);
  if (portNumber > 65535) return null;
  const port = rawPort === undefined || portNumber === (scheme === "https" ? 443 : 80) ? "" : rawPort;
  const hostPart = port ? `${hostname}:${port}` : hostname;
  const pathname = path ?? "/";
  const origin = `${scheme}://${hostPart}`;
  return { href: `${origin}${pathname}${query ?? ""}`, origin, protocol: `${scheme}:`, username: "", password: "", host: hostPart, hostname, port, pathname, search: query && query.length > 1 ? query : "", hash: "" };
}

function parse(input: unknown, base: unknown): UrlParts | null {
  const i = String(input);
  const b = base === undefined ? undefined : String(base);
  const key = b === undefined ? i : `${b}\u0000${i}`;
  let parts = parsed.get(key);
  if (parts === undefined) {
    parts = (b === undefined ? parseSimple(i) : null) ?? host.parseUrl(i, b);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(key, parts);
  }
  return parts;
}

const FIELDS = ["protocol", "username", "password", "host", "hostname", "port", "pathname", "hash"] as const;

export class URL {
  #parts: UrlParts;
  #params: URLSearchParams | null = null;

  constructor(input: unknown, base?: unknown) {
    const parts = parse(input, base);
    if (!parts) throw new TypeError(`Invalid URL: ${String(input)}`);
    this.#parts = parts;
  }

  static canParse(input: unknown, base?: unknown): boolean {
    return parse(input, base) !== null;
  }

  static parse(input: unknown, base?: unknown): URL | null {
    return URL.canParse(input, base) ? new URL(input, base) : null;
  }

  #reparse(href: string): void {
    const parts = parse(href, undefined);
    if (parts) this.#parts = parts;
    if (this.#params) this.#params._reset(this.#parts.search);
  }

  /** Applies a component setter with the same semantics as the host's URL. */
  #set(field: string, value: string): void {
    // The host applies the setter with its own URL so the semantics match the WHATWG spec.
    const next = setterCall(this.#parts.href, field, value);
    if (next) this.#reparse(next);
  }

  get href(): string {
    return this.#parts.href;
  }
  set href(v: string) {
    const parts = parse(v, undefined);
    if (!parts) throw new TypeError(`Invalid URL: ${v}`);
    this.#reparse(parts.href);
  }
  get origin(): string {
    return this.#parts.origin;
  }
  get protocol(): string {
    return this.#parts.protocol;
  }
  set protocol(v: string) {
    this.#set("protocol", String(v));
  }
  get username(): string {
    return this.#parts.username;
  }
  set username(v: string) {
    this.#set("username", String(v));
  }
  get password(): string {
    return this.#parts.password;
  }
  set password(v: string) {
    this.#set("password", String(v));
  }
  get host(): string {
    return this.#parts.host;
  }
  set host(v: string) {
    this.#set("host", String(v));
  }
  get hostname(): string {
    return this.#parts.hostname;
  }
  set hostname(v: string) {
    this.#set("hostname", String(v));
  }
  get port(): string {
    return this.#parts.port;
  }
  set port(v: string) {
    this.#set("port", String(v));
  }
  get pathname(): string {
    return this.#parts.pathname;
  }
  set pathname(v: string) {
    this.#set("pathname", String(v));
  }
  get search(): string {
    return this.#parts.search;
  }
  set search(v: string) {
    this.#set("search", String(v));
  }
  get hash(): string {
    return this.#parts.hash;
  }
  set hash(v: string) {
    this.#set("hash", String(v));
  }
  get searchParams(): URLSearchParams {
    if (!this.#params) {
      this.#params = new URLSearchParams(this.#parts.search);
      this.#params._owner = (search) => this.#set("search", search);
    }
    return this.#params;
  }
  toString(): string {
    return this.#parts.href;
  }
  toJSON(): string {
    return this.#parts.href;
  }
}

/** Setters go through the host too: it encodes "setter:<field>" in the base argument. */
function setterCall(href: string, field: string, value: string): string | null {
  if (!(FIELDS as readonly string[]).includes(field) && field !== "search") return null;
  const parts = host.parseUrl(value, `setter:${field}:${href}`);
  return parts ? parts.href : null;
}

type Init = string | URLSearchParams | Record<string, string> | Iterable<readonly [string, string]> | undefined;

export class URLSearchParams {
  #list: [string, string][] = [];
  /** Set by URL so that mutations write back to the owning URL's query. */
  _owner: ((search: string) => void) | null = null;

  constructor(init: Init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === "string") this._reset(init);
    else if (init instanceof URLSearchParams) this.#list = init.#list.map(([k, v]) => [k, v]);
    else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === "function") {
      for (const pair of init as Iterable<readonly [string, string]>) {
        const arr = Array.from(pair as Iterable<string>);
        if (arr.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
        this.#list.push([String(arr[0]), String(arr[1])]);
      }
    } else for (const k of Object.keys(init)) this.#list.push([k, String((init as Record<string, string>)[k])]);
  }

  /** Replaces the list from a query string (used by URL when its search changes). */
  _reset(query: string): void {
    this.#list = [];
    const q = query.startsWith("?") ? query.slice(1) : query;
    for (const part of q.split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? "" : part.slice(eq + 1);
      this.#list.push([decodeForm(k), decodeForm(v)]);
    }
  }
  #update(): void {
    if (this._owner) this._owner(this.toString());
  }
  get size(): number {
    return this.#list.length;
  }
  append(name: string, value: string): void {
    this.#list.push([String(name), String(value)]);
    this.#update();
  }
  delete(name: string, value?: string): void {
    this.#list = this.#list.filter(([k, v]) => !(k === String(name) && (value === undefined || v === String(value))));
    this.#update();
  }
  get(name: string): string | null {
    const hit = this.#list.find(([k]) => k === String(name));
    return hit ? hit[1] : null;
  }
  getAll(name: string): string[] {
    return this.#list.filter(([k]) => k === String(name)).map(([, v]) => v);
  }
  has(name: string, value?: string): boolean {
    return this.#list.some(([k, v]) => k === String(name) && (value === undefined || v === String(value)));
  }
  set(name: string, value: string): void {
    const n = String(name);
    const i = this.#list.findIndex(([k]) => k === n);
    if (i < 0) this.#list.push([n, String(value)]);
    else {
      this.#list[i] = [n, String(value)];
      this.#list = this.#list.filter(([k], j) => j <= i || k !== n);
    }
    this.#update();
  }
  sort(): void {
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }
  forEach(cb: (value: string, key: string, parent: URLSearchParams) => void): void {
    for (const [k, v] of this.#list) cb(v, k, this);
  }
  *entries(): IterableIterator<[string, string]> {
    for (const [k, v] of this.#list) yield [k, v];
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.#list) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.#list) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  toString(): string {
    return this.#list.map(([k, v]) => `${encodeForm(k)}=${encodeForm(v)}`).join("&");
  }
}

function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

function encodeForm(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
