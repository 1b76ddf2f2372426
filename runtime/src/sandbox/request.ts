/** Request and Response on top of Body and Headers. */
import { Body, extractBody, type BodyInit } from "./body.ts";
import { Headers, type HeadersInitLike } from "./headers.ts";
import { URL } from "./url.ts";

export interface RequestInit {
  method?: string;
  headers?: HeadersInitLike;
  body?: BodyInit;
  redirect?: string;
  signal?: unknown;
}

let trustedUrl: string | null = null;

/** Builds the incoming Request from host metadata (URL already parsed by the host). */
export function requestFromHost(url: string, init: RequestInit): Request {
  trustedUrl = url;
  try {
    return new Request(url, init);
  } finally {
    trustedUrl = null;
  }
}

export class Request extends Body {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly redirect: string;
  readonly signal: unknown;

  constructor(input: Request | string | URL, init: RequestInit = {}) {
    super();
    const src = input instanceof Request ? input : null;
    // URLs the host hands us are already normalised by its parser: skip a round trip to the host.
    this.url = src ? src.url : input === trustedUrl ? trustedUrl : new URL(String(input)).href;
    this.method = (init.method ?? src?.method ?? "GET").toUpperCase();
    this.headers = new Headers(init.headers ?? src?.headers);
    this.redirect = init.redirect ?? src?.redirect ?? "follow";
    this.signal = init.signal ?? null;
    if (init.body !== undefined && init.body !== null) {
      if (this.method === "GET" || this.method === "HEAD") throw new TypeError("Request with GET/HEAD method cannot have body.");
      this._body = extractBody(init.body);
      if (this._body.contentType && !this.headers.has("content-type")) this.headers.set("content-type", this._body.contentType);
    } else if (src && init.body === undefined) {
      this._body = src._body;
      this._used = src._used;
    }
  }
  clone(): Request {
    if (this._body.stream) throw new TypeError("Cloning a streamed request body is not supported yet");
    return new Request(this);
  }
}

export interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInitLike;
}

export class Response extends Body {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly type: string = "default";
  url = "";
  redirected = false;

  constructor(body: BodyInit = null, init: ResponseInit = {}) {
    super();
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Invalid status code: ${status}`);
    this.status = status;
    this.statusText = init.statusText ?? "";
    this.headers = new Headers(init.headers);
    this._body = extractBody(body);
    if (this._body.contentType && !this.headers.has("content-type")) this.headers.set("content-type", this._body.contentType);
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  static json(data: unknown, init: ResponseInit = {}): Response {
    const headers = new Headers(init.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(JSON.stringify(data), { ...init, headers });
  }
  static redirect(url: string, status = 302): Response {
    if (![301, 302, 303, 307, 308].includes(status)) throw new RangeError(`Invalid redirect status: ${status}`);
    return new Response(null, { status, headers: { location: new URL(url).href } });
  }
  static error(): Response {
    const r = new Response(null, { status: 200 });
    (r as { status: number }).status = 0;
    return r;
  }
  clone(): Response {
    if (this._body.stream) throw new TypeError("Cloning a streamed response body is not supported yet");
    const r = new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers });
    r._body = { ...this._body };
    return r;
  }
}
