import { describe, expect, it } from "vitest";
import type { DomainState, RouteState } from "../protocol/index.ts";
import { compilePattern, matchesPath, patternsOverlap } from "./pattern.ts";
import { RouteTable } from "./table.ts";

const dom = (id: string, hostname: string, verified = true, tenantId = "t1"): DomainState => ({ domainId: id, tenantId, hostname, verified });
let n = 0;
const route = (domainId: string, pattern: string, functionId: string, extra: Partial<RouteState> = {}): RouteState => ({
  routeId: `r${++n}`,
  tenantId: "t1",
  domainId,
  functionId,
  pattern,
  methods: null,
  priority: 0,
  ...extra,
});
const served = (t: RouteTable, host: string, path: string, method = "GET"): string => {
  const m = t.match(host, method, path);
  return m.ok ? m.route.functionId : m.reason;
};

describe("route table", () => {
  const domains = [dom("d1", "shop.example.com"), dom("d2", "*.example.com"), dom("d3", "*.b.example.com"), dom("d4", "new.example.org", false)];
  const routes = [
    route("d1", "/api/*", "api"),
    route("d1", "/api/users/:id", "user"),
    route("d1", "/api/users/me", "me"),
    route("d1", "/api/cart", "cart-post", { methods: ["POST"] }),
    route("d1", "/low", "low", { priority: 1 }),
    route("d1", "/low", "high", { priority: 5 }),
    route("d1", "/files/*.png", "png"),
    route("d2", "/*", "wild"),
    route("d3", "/*", "wild-b"),
    route("d4", "/*", "unverified"),
  ];
  const t = RouteTable.build(domains, routes);

  it("orders exact host, then the most specific path, then methods, then priority", () => {
    expect(served(t, "shop.example.com", "/api/users/me")).toBe("me");
    expect(served(t, "shop.example.com", "/api/users/42")).toBe("user");
    expect(served(t, "shop.example.com", "/api/users/42/x")).toBe("api");
    expect(served(t, "shop.example.com", "/api/cart")).toBe("api");
    expect(served(t, "shop.example.com", "/api/cart", "POST")).toBe("cart-post");
    expect(served(t, "SHOP.example.com:8080", "/api/cart?x=1", "POST")).toBe("cart-post");
    expect(served(t, "shop.example.com", "/low")).toBe("high");
    expect(served(t, "shop.example.com", "/files/a.png")).toBe("png");
  });

  it("falls back from the exact host to the most specific wildcard", () => {
    expect(served(t, "shop.example.com", "/other")).toBe("wild");
    expect(served(t, "a.example.com", "/x")).toBe("wild");
    expect(served(t, "deep.a.example.com", "/x")).toBe("wild");
    expect(served(t, "c.b.example.com", "/x")).toBe("wild-b");
    expect(served(t, "example.com", "/x")).toBe("unknown_host");
  });

  it("says why a request has no route", () => {
    expect(served(t, "new.example.org", "/")).toBe("domain_not_verified");
    expect(served(t, "nothing.test", "/")).toBe("unknown_host");
    const only = RouteTable.build([dom("d1", "x.test")], [route("d1", "/a", "f")]);
    expect(served(only, "x.test", "/b")).toBe("no_route");
    expect(served(only, "x.test", "/a")).toBe("f");
  });

  it("drops routes that point into another tenant", () => {
    const foreign = RouteTable.build([dom("d1", "x.test", true, "t2")], [route("d1", "/*", "f")]);
    expect(served(foreign, "x.test", "/")).toBe("no_route");
    const fnOfOther = RouteTable.build([dom("d1", "x.test")], [route("d1", "/*", "f")], () => "t2");
    expect(served(fnOfOther, "x.test", "/")).toBe("no_route");
  });

  it("agrees with URLPattern on the shapes it compiles itself", () => {
    const patterns = ["/", "/api/*", "/users/:id", "/a/:b/c", "/*", "/api/"];
    const paths = ["/", "/api", "/api/", "/api/x", "/api/x/y", "/users/", "/users/1", "/users/1/", "/a/b/c", "/a//c", "/x"];
    for (const p of patterns) {
      const c = compilePattern(p);
      if ("error" in c) throw new Error(c.error);
      expect(c.segments).not.toBeNull();
      const native = new URLPattern({ pathname: p });
      for (const path of paths) expect([p, path, matchesPath(c, path)]).toEqual([p, path, native.test({ pathname: path })]);
    }
  });

  it("rejects invalid patterns with a reason and detects overlaps", () => {
    expect(compilePattern("api")).toHaveProperty("error");
    expect(compilePattern("/(unclosed")).toHaveProperty("error");
    const c = (p: string) => compilePattern(p) as Exclude<ReturnType<typeof compilePattern>, { error: string }>;
    expect(patternsOverlap(c("/api/*"), c("/api/users"))).toBe(true);
    expect(patternsOverlap(c("/users/:id"), c("/users/me"))).toBe(true);
    expect(patternsOverlap(c("/users/:id"), c("/posts/:id"))).toBe(false);
    expect(patternsOverlap(c("/a"), c("/a/*"))).toBe(false);
  });
});
