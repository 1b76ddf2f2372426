import dns from "node:dns";
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { call, createTokenFor, createUser } from "@/lib/test/fixtures";
import { HELLO, world } from "@/lib/services/functions/test-support";
import { startTxtServer } from "@/lib/services/domains/test-dns";
import { POST as CREATE_FN } from "../functions/route";
import { POST as DEPLOY } from "../functions/[function]/deployments/route";
import { POST as ADMIN_VERIFY } from "@/app/api/v1/admin/domains/[hostname]/verify/route";
import { GET as ROUTE_TEST } from "../route-test/route";
import { DELETE as DELETE_ROUTE } from "./[hostname]/routes/[id]/route";
import { GET as LIST_ROUTES, POST as ADD_ROUTE } from "./[hostname]/routes/route";
import { POST as VERIFY } from "./[hostname]/verify/route";
import { DELETE as DELETE_DOMAIN, GET as GET_DOMAIN } from "./[hostname]/route";
import { GET as LIST, POST as ADD } from "./route";

let w: Awaited<ReturnType<typeof world>>;
const SHOP = `shop-${Date.now().toString(36)}.example.localhost`;
const EXTERNAL = `api-${Date.now().toString(36)}.example.com`;

type Who = { token?: string; cookie?: string };
const req = (handler: Parameters<typeof call>[0], who: Who, params: Record<string, string>, opts: { method?: string; body?: unknown; query?: string } = {}) =>
  call(handler, { ...who, ...opts, path: `/api/v1/tenants/${params.tenant}/domains${opts.query ? `?${opts.query}` : ""}`, params });
const A = () => ({ tenant: w.tenant.slug });

async function lastChange() {
  const db = await getDb();
  const [c] = await db.select().from(schema.configChanges).orderBy(desc(schema.configChanges.revision)).limit(1);
  return c!;
}

beforeAll(async () => {
  w = await world();
  for (const name of ["shop", "other"]) {
    await call(CREATE_FN, { token: w.dev.token, path: "/x", params: A(), body: { name } });
    await call(DEPLOY, { token: w.dev.token, path: "/x", params: { ...A(), function: name }, body: { code: HELLO } });
  }
});

describe("domains", () => {
  it("claims a hostname (normalised; *.localhost verified at once) and lists it", async () => {
    const r = await req(ADD, w.dev, A(), { body: { hostname: ` ${SHOP.toUpperCase()}. ` } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ hostname: SHOP, verified: true, verifiedBy: "auto", routes: 0 });
    expect(await lastChange()).toMatchObject({ kind: "domain.upserted", payload: { domain: { hostname: SHOP, verified: true } } });
    const ext = await req(ADD, w.dev, A(), { body: { hostname: EXTERNAL } });
    expect(ext.status).toBe(201);
    expect(ext.json).toMatchObject({ verified: false, verification: { type: "TXT", name: `_edgefn-challenge.${EXTERNAL}`, value: expect.stringMatching(/^edgefn-verify=[0-9a-f]{32}$/) } });
    const list = await req(LIST, w.viewer, A());
    expect(list.status).toBe(200);
    expect((list.json.domains as { hostname: string }[]).map((d) => d.hostname)).toEqual([EXTERNAL, SHOP].sort());
    expect((await req(GET_DOMAIN, w.viewer, { ...A(), hostname: SHOP })).json).toMatchObject({ hostname: SHOP, routes: [] });
    // Adding it twice to the same tenant says so.
    const again = await req(ADD, w.dev, A(), { body: { hostname: SHOP } });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toContain("already added to this tenant");
  });

  it("rejects bad hostnames with 400 naming the field", async () => {
    for (const hostname of [undefined, "", "https://x.example.com", "x.example.com:8080", "*.com", "a..b.com", "*.*.example.com", "foo", "hello.demo.edge.localhost", "*.edge.localhost"]) {
      const r = await req(ADD, w.dev, A(), { body: hostname === undefined ? {} : { hostname } });
      expect([hostname, r.status]).toEqual([hostname, 400]);
      expect(r.json.error?.issues?.[0]?.path).toBe("hostname");
    }
    // A path segment that is not valid percent-encoding is simply not found.
    expect((await req(GET_DOMAIN, w.viewer, { ...A(), hostname: "%" })).status).toBe(404);
  });

  it("verifies on request: a missing TXT record is reported, a platform admin can vouch", async () => {
    const r = await req(VERIFY, w.dev, { ...A(), hostname: EXTERNAL }, { method: "POST" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ verified: false, message: expect.stringContaining(`_edgefn-challenge.${EXTERNAL}`) });
    expect(r.json.domain).toMatchObject({ verified: false, lastCheckError: expect.stringContaining("TXT") });
    // Not a platform admin: 403. An admin (no member of the tenant) marks it verified.
    expect((await call(ADMIN_VERIFY, { token: w.dev.token, method: "POST", path: "/x", params: { hostname: EXTERNAL } })).status).toBe(403);
    const admin = await createUser({ admin: true });
    const v = await call(ADMIN_VERIFY, { token: await createTokenFor(admin.id), method: "POST", path: "/x", params: { hostname: EXTERNAL } });
    expect(v.status).toBe(200);
    expect(v.json.domain).toMatchObject({ verified: true, verifiedBy: "admin" });
    expect(await lastChange()).toMatchObject({ kind: "domain.upserted", payload: { domain: { hostname: EXTERNAL, verified: true } } });
  });

  it("verifies by the TXT record once DNS answers with the token (a real DNS server on loopback)", async () => {
    const host = `dns-${Date.now().toString(36)}.example.net`;
    const added = await req(ADD, w.dev, A(), { body: { hostname: host } });
    const rec = added.json.verification as { name: string; value: string };
    const records = new Map<string, string[]>([[rec.name, ["unrelated=1"]]]);
    const server = await startTxtServer(records);
    const saved = dns.getServers();
    dns.setServers([server.address]);
    try {
      const wrong = await req(VERIFY, w.dev, { ...A(), hostname: host }, { method: "POST" });
      expect(wrong.json).toMatchObject({ verified: false, message: expect.stringContaining(`does not contain "${rec.value}"`) });
      records.set(rec.name, ["unrelated=1", rec.value]);
      const ok = await req(VERIFY, w.dev, { ...A(), hostname: host }, { method: "POST" });
      expect(ok.json).toMatchObject({ verified: true, domain: { verified: true, verifiedBy: "dns", lastCheckError: null } });
      expect(await lastChange()).toMatchObject({ kind: "domain.upserted", payload: { domain: { hostname: host, verified: true } } });
    } finally {
      dns.setServers(saved);
      await server.close();
    }
  });

  it("another tenant cannot claim, see or route tenant A's hostname (token and session)", async () => {
    const B = { tenant: w.otherTenant.slug };
    for (const who of [{ token: w.outsider.token }, { cookie: w.outsider.cookie }]) {
      for (const hostname of [SHOP, `*.${SHOP.split(".").slice(1).join(".")}`, `deeper.${SHOP}`.replace(/^deeper\./, "*.")]) {
        const r = await req(ADD, who, B, { body: { hostname } });
        expect([hostname, r.status]).toEqual([hostname, 409]);
        expect(r.json.error?.message).toMatch(/another tenant/);
      }
      expect((await req(GET_DOMAIN, who, { ...B, hostname: SHOP })).status).toBe(404);
      expect((await req(GET_DOMAIN, who, { ...A(), hostname: SHOP })).status).toBe(404);
      expect((await req(ADD_ROUTE, who, { ...B, hostname: SHOP }, { body: { pattern: "/*", function: "shop" } })).status).toBe(404);
      expect((await req(ADD_ROUTE, who, { ...A(), hostname: SHOP }, { body: { pattern: "/*", function: "shop" } })).status).toBe(404);
      expect((await req(DELETE_DOMAIN, who, { ...A(), hostname: SHOP }, { method: "DELETE" })).status).toBe(404);
      const t = await req(ROUTE_TEST, who, B, { query: `url=${encodeURIComponent(`http://${SHOP}/api/cart`)}` });
      expect(t.json).toMatchObject({ matched: false, reason: "not_found" });
    }
  });

  it("a viewer reads but cannot change (403)", async () => {
    expect((await req(ADD, w.viewer, A(), { body: { hostname: "v.example.localhost" } })).status).toBe(403);
    expect((await req(ADD_ROUTE, w.viewer, { ...A(), hostname: SHOP }, { body: { pattern: "/*", function: "shop" } })).status).toBe(403);
    expect((await req(DELETE_DOMAIN, w.viewer, { ...A(), hostname: SHOP }, { method: "DELETE" })).status).toBe(403);
    expect((await req(VERIFY, w.viewer, { ...A(), hostname: SHOP }, { method: "POST" })).status).toBe(403);
  });
});

describe("routes and the route tester", () => {
  const at = () => ({ ...A(), hostname: SHOP });
  let apiRouteId = "";

  it("attaches routes in serving order and reports overlaps before saving", async () => {
    const r = await req(ADD_ROUTE, w.dev, at(), { body: { pattern: "/api/*", function: "shop" } });
    expect(r.status).toBe(201);
    apiRouteId = (r.json.route as { id: string }).id;
    expect(await lastChange()).toMatchObject({ kind: "route.upserted", payload: { route: { pattern: "/api/*", methods: null, priority: 0 } } });
    // Dry run: nothing saved, the ambiguity is shown.
    const dry = await req(ADD_ROUTE, w.dev, at(), { body: { pattern: "/api/*", function: "other", dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ saved: false, overlaps: [{ kind: "ambiguous", pattern: "/api/*" }] });
    const dup = await req(ADD_ROUTE, w.dev, at(), { body: { pattern: "/api/*", function: "other" } });
    expect(dup.status).toBe(409);
    expect(dup.json.error?.message).toContain("conflicts with /api/*");
    // A different priority resolves it; a more specific path wins anyway.
    const cart = await req(ADD_ROUTE, w.dev, at(), { body: { pattern: "/api/cart", function: "other", methods: ["post"] } });
    expect(cart.status).toBe(201);
    expect(cart.json).toMatchObject({ route: { methods: ["POST"] }, overlaps: [{ kind: "wins", pattern: "/api/*" }] });
    const list = await req(LIST_ROUTES, w.viewer, at());
    expect((list.json.routes as { pattern: string; order: number }[]).map((x) => [x.order, x.pattern])).toEqual([
      [1, "/api/cart"],
      [2, "/api/*"],
    ]);
  });

  it("rejects bad routes with 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ function: "shop" }, "pattern"],
      [{ pattern: "api/*", function: "shop" }, "pattern"],
      [{ pattern: "/(unclosed", function: "shop" }, "pattern"],
      [{ pattern: "/x" }, "function"],
      [{ pattern: "/x", function: "nope" }, "function"],
      [{ pattern: "/x", function: "shop", methods: ["FETCH"] }, "methods.0"],
      [{ pattern: "/x", function: "shop", priority: 1.5 }, "priority"],
    ];
    for (const [body, path] of cases) {
      const r = await req(ADD_ROUTE, w.dev, at(), { body });
      expect([body, r.status, r.json.error?.issues?.[0]?.path]).toEqual([body, 400, path]);
    }
  });

  it("the route tester says which function and version serve a URL", async () => {
    const t = async (url: string, method?: string) => (await req(ROUTE_TEST, w.viewer, A(), { query: `url=${encodeURIComponent(url)}${method ? `&method=${method}` : ""}` })).json;
    expect(await t(`http://${SHOP}/api/items`)).toMatchObject({ matched: true, via: "route", function: { name: "shop" }, versions: [{ version: 1, percent: 100 }], route: { pattern: "/api/*" } });
    expect(await t(`${SHOP}/api/cart`, "POST")).toMatchObject({ matched: true, function: { name: "other" }, route: { pattern: "/api/cart" } });
    expect(await t(`http://${SHOP}/checkout`)).toMatchObject({ matched: false, reason: "no_route" });
    expect(await t(`http://shop.${w.tenant.slug}.edge.localhost/`)).toMatchObject({ matched: true, via: "default-hostname", function: { name: "shop" } });
    const bad = await req(ROUTE_TEST, w.viewer, A(), { query: "url=" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe("url");
  });

  it("detaches a route and releases a domain", async () => {
    expect((await req(DELETE_ROUTE, w.viewer, { ...at(), id: apiRouteId }, { method: "DELETE" })).status).toBe(403);
    expect((await req(DELETE_ROUTE, w.dev, { ...at(), id: apiRouteId }, { method: "DELETE" })).status).toBe(204);
    expect(await lastChange()).toMatchObject({ kind: "route.deleted", payload: { routeId: apiRouteId } });
    expect((await req(DELETE_ROUTE, w.dev, { ...at(), id: apiRouteId }, { method: "DELETE" })).status).toBe(404);
    expect((await req(DELETE_DOMAIN, w.dev, at(), { method: "DELETE" })).status).toBe(204);
    expect(await lastChange()).toMatchObject({ kind: "domain.deleted" });
    const db = await getDb();
    expect(await db.select().from(schema.routes).where(eq(schema.routes.tenantId, w.tenant.id))).toHaveLength(0);
    // Released: another tenant may claim it now.
    expect((await req(ADD, { token: w.outsider.token }, { tenant: w.otherTenant.slug }, { body: { hostname: SHOP } })).status).toBe(201);
  });
});
