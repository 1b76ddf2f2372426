/** Request and Response on top of Body and Headers (Fetch standard). */
import { Body, extractBody, type BodyInit } from "./body.ts";
import { AbortSignal, newSignal } from "./events.ts";
import { Headers, type HeadersInitLike } from "./headers.ts";
import { URL } from "./url.ts";

export interface RequestInit {
  method?: string;
  headers?: HeadersInitLike;
  body?: BodyInit;
  redirect?: string;
  signal?: AbortSignal | null;
  cache?: string;
  credentials?: string;
  integrity?: string;
  keepalive?: boolean;
  mode?: string;
  referrer?: string;
  referrerPolicy?: string;
  duplex?: string;
}

let trustedUrl: string | null = null;
let trustedHeaders: Headers | null = null;

/**
 * Builds the incoming Request from host metadata: the URL already parsed by the host, the
 * headers as its HTTP parser produced them (taken as they are, not copied; see Headers._fromHost).
 */
export function requestFromHost(url: string, method: string, headers: Headers): Request {
  trustedUrl = url;
  trustedHeaders = headers;
  try {
    return new Request(url, { method, headers });
  } finally {
    trustedUrl = null;
    trustedHeaders = null;
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const NORMALIZED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
const REDIRECTS = new Set(["follow", "error", "manual"]);

function normalizeMethod(m: string): string {
  if (!TOKEN.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
  const up = m.toUpperCase();
  if (up === "CONNECT" || up === "TRACE" || up === "TRACK") throw new TypeError(`'${m}' HTTP method is unsupported.`);
  return NORMALIZED.has(up) ? up : m;
}

export class Request extends Body {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly redirect: string;
  readonly cache: string;
  readonly credentials: string;
  readonly integrity: string;
  readonly keepalive: boolean;
  readonly mode: string;
  readonly referrer: string;
  readonly referrerPolicy: string;
  readonly destination = "";
  #signal: AbortSignal | null;

  constructor(input: Request | string | URL, init: RequestInit = {}) {
    super();
    const src = input instanceof Request ? input : null;
    // URLs the host hands us are already normalised by its parser: skip a round trip to the host.
    if (src) this.url = src.url;
    else if (input === trustedUrl) this.url = trustedUrl;
    else {
      const parsed = URL.parse(String(input));
      if (!parsed) throw new TypeError(`Failed to parse URL from ${String(input)}`);
      if (parsed.username || parsed.password) throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${String(input)}`);
      this.url = parsed.href;
    }
    this.method = init.method !== undefined ? normalizeMethod(String(init.method)) : (src?.method ?? "GET");
    this.headers = trustedHeaders !== null && init.headers === trustedHeaders ? trustedHeaders : new Headers(init.headers ?? src?.headers);
    const redirect = init.redirect ?? src?.redirect ?? "follow";
    if (!REDIRECTS.has(redirect)) throw new TypeError(`'${redirect}' is not a valid value for RequestRedirect.`);
    this.redirect = redirect;
    this.cache = init.cache ?? src?.cache ?? "default";
    this.credentials = init.credentials ?? src?.credentials ?? "same-origin";
    this.integrity = init.integrity ?? src?.integrity ?? "";
    this.keepalive = init.keepalive ?? src?.keepalive ?? false;
    this.mode = init.mode ?? src?.mode ?? "cors";
    this.referrer = init.referrer ?? src?.referrer ?? "about:client";
    this.referrerPolicy = init.referrerPolicy ?? src?.referrerPolicy ?? "";
    if (init.signal !== undefined && init.signal !== null && !(init.signal instanceof AbortSignal)) throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
    this.#signal = init.signal ?? (src ? src.#signal : null);
    const hasBody = init.body !== undefined && init.body !== null;
    if ((hasBody || (src && init.body === undefined && src._body.bytes !== null) || (src && init.body === undefined && src._body.stream !== null)) && (this.method === "GET" || this.method === "HEAD")) {
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    }
    if (hasBody) {
      this._body = extractBody(init.body);
      if (this._body.contentType && !this.headers.has("content-type")) this.headers.set("content-type", this._body.contentType);
    } else if (src && init.body === undefined) {
      if (src.bodyUsed) throw new TypeError("Cannot construct a Request with a Request object that has already been used.");
      this._body = src._body;
      // The new request takes the body over (Fetch: the source's body becomes disturbed).
      if (src._body.bytes !== null || src._body.stream !== null) src._used = true;
    }
  }
  /** Created on first use: most handlers never look at it. */
  get signal(): AbortSignal {
    return (this.#signal ??= newSignal());
  }
  clone(): Request {
    const r = new Request(this.url, { method: this.method, headers: this.headers, redirect: this.redirect, signal: this.#signal });
    r._body = this._cloneBody();
    return r;
  }
  get [Symbol.toStringTag](): string {
    return "Request";
  }
}

export interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInitLike;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;

export class Response extends Body {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  type = "default";
  url = "";
  redirected = false;

  constructor(body: BodyInit = null, init: ResponseInit = {}) {
    super();
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Failed to construct 'Response': The status provided (${status}) is outside the range [200, 599].`);
    const statusText = init.statusText === undefined ? "" : String(init.statusText);
    if (!REASON.test(statusText)) throw new TypeError("Failed to construct 'Response': Invalid statusText");
    this.status = status;
    this.statusText = statusText;
    this.headers = new Headers(init.headers);
    if (body !== null && body !== undefined) {
      if (NULL_BODY.has(status)) throw new TypeError(`Failed to construct 'Response': Response with null body status (${status}) cannot have body`);
      this._body = extractBody(body);
      if (this._body.contentType && !this.headers.has("content-type")) this.headers.set("content-type", this._body.contentType);
    }
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  static json(data: unknown, init: ResponseInit = {}): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
    const headers = new Headers(init.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(text, { ...init, headers });
  }
  static redirect(url: string | URL, status = 302): Response {
    const parsed = URL.parse(String(url));
    if (!parsed) throw new TypeError(`Failed to execute 'redirect' on 'Response': Invalid URL ${String(url)}`);
    if (![301, 302, 303, 307, 308].includes(status)) throw new RangeError(`Failed to execute 'redirect' on 'Response': Invalid status code ${status}`);
    return new Response(null, { status, headers: { location: parsed.href } });
  }
  static error(): Response {
    const r = new Response(null, { status: 200 });
    (r as { status: number }).status = 0;
    r.type = "error";
    return r;
  }
  clone(): Response {
    const r = new Response(null, { status: this.status === 0 ? 200 : this.status, statusText: this.statusText, headers: this.headers });
    (r as { status: number }).status = this.status;
    r._body = this._cloneBody();
    r.type = this.type;
    r.url = this.url;
    r.redirected = this.redirected;
    return r;
  }
  get [Symbol.toStringTag](): string {
    return "Response";
  }
}
