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

describe("rebuilding the route table after a change", () => {
  const domains = new Map([dom("a", "a.example.com"), dom("b", "b.example.com"), dom("w", "*.example.net")].map((d) => [d.domainId, d]));
  const routes = new Map([route("a", "/x/*", "fa"), route("a", "/x/:id", "fa2"), route("b", "/*", "fb"), route("b", "/later", "pending"), route("w", "/*", "fw")].map((r) => [r.routeId, r]));
  const functions = new Set(["fa", "fa2", "fb", "fw", "fc"]);
  const requests: [string, string, string][] = [
    ["a.example.com", "/x/1", "GET"],
    ["a.example.com", "/x/1/2", "GET"],
    ["a.example.com", "/y", "POST"],
    ["b.example.com", "/later", "GET"],
    ["b.example.com", "/z", "GET"],
    ["c.example.net", "/", "GET"],
    ["c.example.com", "/", "GET"],
  ];
  const build = (previous?: RouteTable): RouteTable => RouteTable.build(domains.values(), routes.values(), (id) => (functions.has(id) ? "t1" : undefined), previous);
  const answers = (t: RouteTable): string[] => requests.map(([h, p, m]) => served(t, h, p, m));

  it("answers every request as a table built from scratch would, change after change", () => {
    let t = build();
    const steps: (() => void)[] = [
      // A route's function arrives after the route: the same route objects, now accepted.
      () => functions.add("pending"),
      // A route changes in one domain; the others keep theirs.
      () => {
        const r = [...routes.values()].find((x) => x.functionId === "fa2")!;
        routes.set(r.routeId, { ...r, pattern: "/y", methods: ["POST"] });
      },
      // A domain is no longer verified, then is again.
      () => domains.set("b", { ...domains.get("b")!, verified: false }),
      () => domains.set("b", { ...domains.get("b")!, verified: true }),
      // A new domain and a route on it; a route deleted.
      () => {
        domains.set("c", dom("c", "c.example.com"));
        const r = route("c", "/*", "fc");
        routes.set(r.routeId, r);
      },
      () => routes.delete([...routes.values()].find((x) => x.functionId === "fw")!.routeId),
      // The function of a route goes: its route is dropped though the route object stays.
      () => functions.delete("fb"),
    ];
    const seen: string[][] = [answers(t)];
    for (const step of steps) {
      step();
      t = build(t);
      expect(answers(t)).toEqual(answers(build()));
      expect(t.size).toBe(build().size);
      seen.push(answers(t));
    }
    // The steps did change the answers (the comparison above is not between two empty tables).
    expect(seen[0]).toEqual(["fa2", "fa", "no_route", "fb", "fb", "fw", "unknown_host"]);
    expect(seen[1]![3]).toBe("pending");
    expect(seen[2]!.slice(0, 3)).toEqual(["fa", "fa", "fa2"]);
    expect(seen[3]![3]).toBe("domain_not_verified");
    expect(seen[5]![6]).toBe("fc");
    expect(seen[6]![5]).toBe("no_route");
    expect(seen[7]!.slice(3, 5)).toEqual(["pending", "no_route"]);
  });
});
