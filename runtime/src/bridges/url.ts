/**
 * URL parsing for the isolate, done by Node's WHATWG parser (IDNA included). A base of the form
 * "setter:<field>:<href>" applies one component setter to href instead, so URL setters inside the
 * isolate get exactly the spec's behaviour without a parser in the prelude.
 */
import type { UrlParts } from "../sandbox/host.ts";

const SETTABLE = new Set(["protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]);

/** Returns the parts of a parsed URL, or null when input is not a valid URL. */
export function parseUrl(input: string, base: string | undefined): UrlParts | null {
  try {
    if (typeof base === "string" && base.startsWith("setter:")) {
      const rest = base.slice("setter:".length);
      const colon = rest.indexOf(":");
      const field = rest.slice(0, colon);
      const url = new URL(rest.slice(colon + 1));
      if (!SETTABLE.has(field)) return null;
      (url as unknown as Record<string, string>)[field] = String(input);
      return partsOf(url);
    }
    return partsOf(new URL(String(input), base));
  } catch {
    return null;
  }
}

function partsOf(u: URL): UrlParts {
  return {
    href: u.href,
    origin: u.origin,
    protocol: u.protocol,
    username: u.username,
    password: u.password,
    host: u.host,
    hostname: u.hostname,
    port: u.port,
    pathname: u.pathname,
    search: u.search,
    hash: u.hash,
  };
}
