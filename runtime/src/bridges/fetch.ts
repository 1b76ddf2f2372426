/**
 * The host side of the isolate's fetch(): resolves DNS here, refuses non-public addresses, pins the
 * socket to the checked address, and follows redirects by hand so every hop is checked again.
 */
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./egress-policy.ts";

export interface FetchInput {
  url: string;
  method: string;
  headers: [string, string][];
  body: Uint8Array | null;
  /** A host stream (the incoming request's body) to send as the body, read on the host side. */
  bodyHostId?: number;
  redirect: string;
}

export interface FetchOutput {
  error?: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  url: string;
  redirected: boolean;
  /** The response body, to be registered as a host stream by the caller. */
  body: http.IncomingMessage | null;
}

export interface EgressOptions {
  /** Local testing only: lets tenant code reach loopback and private addresses. */
  allowPrivate: boolean;
  /** Replaces the public-address check (tests use it to allow one loopback address only). */
  allowAddress?: (address: string) => boolean;
}

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "proxy-connection"]);
const MAX_REDIRECTS = 20;

class EgressError extends Error {}

/** Resolves the host name and returns one address that the policy allows. */
async function resolveChecked(hostname: string, opts: EgressOptions): Promise<{ address: string; family: number }> {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  const candidates = net.isIP(bare) ? [{ address: bare, family: net.isIP(bare) }] : await dns.lookup(bare, { all: true, verbatim: true }).catch(() => {
    throw new EgressError(`fetch failed: could not resolve ${bare}`);
  });
  const check = opts.allowAddress ?? isPublicAddress;
  const allowed = candidates.find((c) => opts.allowPrivate || check(c.address));
  if (!allowed) throw new EgressError(`fetch to ${bare} refused: it resolves to a private, loopback, link-local or otherwise non-public address (${candidates.map((c) => c.address).join(", ")})`);
  return allowed;
}

function once(input: URL, init: FetchInput, pinned: { address: string; family: number }, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lookup: LookupFunction = (_host, options, cb) => {
    if (options.all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of init.headers) {
    if (HOP_BY_HOP.has(k.toLowerCase())) continue;
    const prev = headers[k];
    headers[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  if (init.body) headers["content-length"] = String(init.body.length);
  const mod = input.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(input, { method: init.method, headers, lookup, signal, agent: false }, resolve);
    req.on("error", reject);
    req.end(init.body ? Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength) : undefined);
  });
}

/** Performs one tenant fetch. Never rejects: failures come back as { error } for a TypeError. */
export async function hostFetch(init: FetchInput, opts: EgressOptions, signal: AbortSignal): Promise<FetchOutput> {
  let url: URL;
  try {
    url = new URL(init.url);
  } catch {
    return failure(`Invalid URL: ${init.url}`);
  }
  let current = init;
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") return failure(`fetch: unsupported protocol ${url.protocol}`);
      const pinned = await resolveChecked(url.hostname, opts);
      const res = await once(url, current, pinned, signal);
      const status = res.statusCode ?? 502;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location && current.redirect !== "manual") {
        res.resume();
        if (current.redirect === "error") return failure(`fetch: redirect to ${location} with redirect: "error"`);
        if (hop >= MAX_REDIRECTS) return failure("fetch: too many redirects");
        url = new URL(location, url);
        // 303, and 301/302 after POST, become a GET without body (Fetch standard).
        if (status === 303 || ((status === 301 || status === 302) && current.method === "POST")) current = { ...current, method: "GET", body: null };
        continue;
      }
      const headers: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const nullBody = current.method === "HEAD" || status === 204 || status === 304;
      if (nullBody) res.resume();
      return { status, statusText: res.statusMessage ?? "", headers, url: url.href, redirected: hop > 0, body: nullBody ? null : res };
    }
  } catch (e) {
    if (e instanceof EgressError) return failure(e.message);
    return failure(`fetch failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function failure(message: string): FetchOutput {
  return { error: message, status: 0, statusText: "", headers: [], url: "", redirected: false, body: null };
}
