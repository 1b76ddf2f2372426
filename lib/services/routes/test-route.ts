import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema } from "@/lib/db";
import { env } from "@/lib/env";
import { parseInput, requireRole, type TenantCtx } from "@/lib/services/context";
import { domainAndRouteStates } from "@/lib/services/domains/runtime-state";
import { parseHost } from "@/runtime/src/routing/state";
import { RouteTable } from "@/runtime/src/routing/table";
import { routeMissBody } from "@/runtime/src/routing/miss";

const TestInput = z.object({
  url: z
    .string({ error: "is required" })
    .min(1, "is required")
    .transform((s) => (/^[a-z]+:\/\//i.test(s) ? s : `http://${s}`))
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://shop.example.com/api/cart" })),
  method: z
    .string()
    .default("GET")
    .transform((m) => m.toUpperCase()),
});

/**
 * "Which function and version would serve this URL?", answered with the runtime's own route
 * table built from the tenant's domains and routes. Other tenants' hostnames are unknown here.
 */
export async function testRoute({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireRole(ctx, "viewer");
  const { url, method } = parseInput(TestInput, input);
  const u = new URL(url);
  const db = await getDb();
  const fns = await db.select().from(schema.functions).where(eq(schema.functions.tenantId, ctx.tenant.id));
  const rollouts = await db.select().from(schema.rollouts).where(eq(schema.rollouts.tenantId, ctx.tenant.id));
  const base = { url: u.href, method, host: u.hostname, path: u.pathname };

  const answer = (functionId: string, extra: Record<string, unknown>) => {
    const fn = fns.find((f) => f.id === functionId)!;
    const r = rollouts.find((x) => x.functionId === functionId);
    const versions =
      fn.liveVersion === null
        ? []
        : r && r.version !== fn.liveVersion
          ? [
              { version: fn.liveVersion, percent: 100 - r.percent, role: "live" },
              { version: r.version, percent: r.percent, role: "rollout" },
            ]
          : [{ version: fn.liveVersion, percent: 100, role: "live" }];
    const message =
      versions.length === 0
        ? `Function "${fn.name}" would serve it, but it has no deployed version yet (the runtime answers 404).`
        : `Function "${fn.name}" serves it: ${versions.map((v) => `version ${v.version} (${v.percent}%)`).join(", ")}.`;
    return { ...base, matched: versions.length > 0, function: { name: fn.name, liveVersion: fn.liveVersion }, versions, message, ...extra };
  };

  const dflt = parseHost(u.host, env().RUNTIME_BASE_DOMAIN);
  if (dflt) {
    const fn = dflt.tenant === ctx.tenant.slug ? fns.find((f) => f.name === dflt.fn) : undefined;
    if (fn) return answer(fn.id, { via: "default-hostname", route: null, domain: null });
  } else {
    const { domains, routes } = await domainAndRouteStates(db, [ctx.tenant.id]);
    const m = RouteTable.build(domains, routes);
    const hit = m.match(u.host, method, u.pathname);
    if (hit.ok) {
      return answer(hit.route.functionId, {
        via: "route",
        domain: { hostname: hit.domain.hostname, wildcard: hit.wildcard },
        route: { id: hit.route.routeId, pattern: hit.route.pattern, methods: hit.route.methods, priority: hit.route.priority },
      });
    }
    const miss = routeMissBody(hit, method, u.pathname, env().RUNTIME_BASE_DOMAIN, "");
    return { ...base, matched: false, reason: miss.error, message: miss.message, function: null, versions: [], route: null, domain: null };
  }
  return { ...base, matched: false, reason: "not_found", message: `No function of this tenant is at "${u.host}".`, function: null, versions: [], route: null, domain: null };
}
