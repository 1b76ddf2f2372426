import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, compileTrustedProxies, rateLimitKey, requestClientAddress, withClientAddress } from "./client-address";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real server with the console's wrapper around a handler that answers with what it was given. */
async function serve(trusted: string | undefined): Promise<number> {
  const server = http.createServer(withClientAddress(compileTrustedProxies(trusted), (req, res) => res.end(String(req.headers[CLIENT_ADDRESS_HEADER]))));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** What the handler saw, for a request sent from `from` (any 127/8 address reaches loopback). */
function seen(port: number, from: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, localAddress: from, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => resolve(body));
    });
    req.on("error", reject).end();
  });
}

describe("client address", () => {
  it("is the socket's peer, whatever the client says about itself", async () => {
    const port = await serve(undefined);
    expect(await seen(port, "127.0.0.2")).toBe("127.0.0.2");
    expect(await seen(port, "127.0.0.3", { "x-forwarded-for": "203.0.113.7" })).toBe("127.0.0.3");
    expect(await seen(port, "127.0.0.4", { [CLIENT_ADDRESS_HEADER]: "203.0.113.8", "x-real-ip": "203.0.113.9" })).toBe("127.0.0.4");
  });

  it("takes X-Forwarded-For only from trusted proxies, and only up to the first hop that is not one", async () => {
    const port = await serve("127.0.0.5, 10.0.0.0/8");
    // The peer is a trusted proxy: the client is the nearest hop it did not vouch for.
    expect(await seen(port, "127.0.0.5", { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    expect(await seen(port, "127.0.0.5", { "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.1.2.3" })).toBe("203.0.113.7");
    // A client that connects directly gains nothing by sending the header.
    expect(await seen(port, "127.0.0.6", { "x-forwarded-for": "203.0.113.7" })).toBe("127.0.0.6");
  });

  it("names a bad TRUSTED_PROXIES entry", () => {
    expect(() => compileTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/TRUSTED_PROXIES: invalid IP address: proxy.internal/);
    expect(() => compileTrustedProxies("")).not.toThrow();
  });

  it("is read back from the header the server set", () => {
    expect(requestClientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.1" }))).toBe("192.0.2.1");
    expect(requestClientAddress(new Headers())).toBeNull();
  });

  it("counts an IPv6 client by its /64 and an IPv4 client by its address", () => {
    expect(rateLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:DB8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(rateLimitKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitKey("192.0.2.7")).toBe("192.0.2.7");
  });
});
