/**
 * The client's address, as the console's own server (scripts/console-server.ts) established it
 * from the socket, never from what the client says. X-Forwarded-For is only believed for the hops
 * that TRUSTED_PROXIES names (a reverse proxy in front of the console); with none named, a client
 * that sends it is ignored. The server puts the result in CLIENT_ADDRESS_HEADER, replacing any
 * value the client sent, and the sign-in rate limits (REST login and better-auth) key on that.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/** Set by the console's server on every request; a client's own value never survives it. */
export const CLIENT_ADDRESS_HEADER = "x-edgefn-client-address";

export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Compiles TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (`10.0.0.0/8`, `::1`), or
 * proxy-addr's names `loopback`, `linklocal`, `uniquelocal`. Empty: no proxy is trusted. Throws
 * with the offending entry when one is not an address.
 */
export function compileTrustedProxies(spec: string | undefined): TrustProxy {
  const entries = (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  try {
    return proxyaddr.compile(entries);
  } catch (e) {
    throw new Error(`TRUSTED_PROXIES: ${e instanceof Error ? e.message : String(e)} (expected comma-separated addresses, CIDR ranges, or loopback / linklocal / uniquelocal)`);
  }
}

/**
 * The address of the client that sent `req`: the socket's peer, or, when that peer is a trusted
 * proxy, the nearest X-Forwarded-For hop that is not. IPv4-mapped IPv6 addresses are written as
 * IPv4, so one client has one key whichever way it connected.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const address = proxyaddr(req, trust);
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

/**
 * Wraps the console's request handler: every request reaches `handle` with CLIENT_ADDRESS_HEADER
 * set from the socket (and trusted proxies), whatever the client sent in it.
 */
export function withClientAddress(trust: TrustProxy, handle: (req: IncomingMessage, res: ServerResponse) => unknown): RequestListener {
  return (req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trust);
    void handle(req, res);
  };
}

/**
 * The key a per-address rate limit counts under: the address itself for IPv4, its /64 for IPv6,
 * since one subscriber usually holds a whole /64 and could otherwise take a fresh address for
 * every attempt (better-auth's own limiter collapses IPv6 the same way).
 */
export function rateLimitKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv4") return ip.toString();
  const groups = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${groups.join(":")}::/64`;
}

/** The address the console's server established for this request, or null without that server (`next dev`, tests). */
export function requestClientAddress(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}

/** The rate-limit key of the request's client (rateLimitKey); one shared key without the console's server. */
export function clientRateKey(headers: Headers): string {
  const address = requestClientAddress(headers);
  return address ? rateLimitKey(address) : "local";
}
