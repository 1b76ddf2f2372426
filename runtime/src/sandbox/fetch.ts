/** Outbound fetch: the request crosses to the host, which applies the egress policy and limits. */
import { hostStream, takeHostStream } from "./body.ts";
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

let host: HostBridge;
let nextId = 1;

export function installFetch(h: HostBridge): void {
  host = h;
}

/** fetch(): redirect modes follow/manual/error and AbortSignal (aborts the host request and its body). */
export async function fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
  if (signal?.aborted) throw signal.reason;
  // The request's own body passed on untouched is read by the host, without crossing here twice.
  const stream = req._body.stream;
  const bodyHostId = stream !== null && !req.bodyUsed ? takeHostStream(stream) : -1;
  if (bodyHostId >= 0) req._used = true;
  const body = bodyHostId < 0 && (req._body.bytes || req._body.stream) ? await req._consume() : null;
  const id = nextId++;
  let onAbort: (() => void) | null = null;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      host.abortFetch(id);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const pending = callAsync<HostFetchResult>(host.fetch, { id, url: req.url, method: req.method, headers: req.headers._list(), body, ...(bodyHostId >= 0 ? { bodyHostId } : {}), redirect: req.redirect });
    const res = signal ? await Promise.race([pending, aborted]) : await pending;
    if (res.error !== undefined) throw new TypeError(res.error);
    const out = new Response(null, { status: res.status < 200 ? 200 : res.status, statusText: res.statusText, headers: res.headers });
    if (res.status < 200) (out as { status: number }).status = res.status;
    if (res.bodyId !== null) {
      // Aborting after the headers arrived errors the body too.
      out._body = { bytes: null, stream: hostStream(res.bodyId, signal), contentType: null };
    }
    out.url = res.url;
    out.redirected = res.redirected;
    return out;
  } finally {
    if (onAbort && signal) signal.removeEventListener("abort", onAbort);
  }
}
