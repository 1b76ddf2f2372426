/** Outbound fetch: the request crosses to the host, which applies the egress policy and limits. */
import { hostStream } from "./body.ts";
import { callAsync, type HostBridge } from "./host.ts";
import { Request, Response, type RequestInit } from "./request.ts";
import type { URL } from "./url.ts";

interface HostFetchResult {
  error?: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  url: string;
  redirected: boolean;
  bodyId: number | null;
}

export function makeFetch(host: HostBridge) {
  return async function fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const req = new Request(input, init);
    const body = req._body.bytes || req._body.stream ? await req._consume() : null;
    const res = await callAsync<HostFetchResult>(host.fetch, {
      url: req.url,
      method: req.method,
      headers: req.headers._list(),
      body,
      redirect: req.redirect,
    });
    if (res.error !== undefined) throw new TypeError(res.error);
    const out = new Response(null, { status: res.status < 200 ? 200 : res.status, statusText: res.statusText, headers: res.headers });
    if (res.bodyId !== null) out._body = { bytes: null, stream: hostStream(res.bodyId), contentType: null };
    out.url = res.url;
    out.redirected = res.redirected;
    return out;
  };
}
