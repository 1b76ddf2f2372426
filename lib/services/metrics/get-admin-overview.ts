import { desc, sql } from "drizzle-orm";
import { getDb, schema } from "@/lib/db";
import { parseInput, requirePlatformAdmin, type Ctx } from "@/lib/services/context";
import { functionSums } from "./query-rollups";
import { MetricsInput, windowFor } from "./range";

const OverviewInput = MetricsInput.omit({ version: true });

/** A node that has not sent a heartbeat for this long is "stale"; after NODE_DOWN_MS "down". */
export const NODE_STALE_MS = 30_000;
export const NODE_DOWN_MS = 120_000;

export type TopFunction = { tenantSlug: string; tenantId: string; functionId: string; name: string; requests: number; errors: number; status5xx: number; cpuMs: number };
export type NodeHealth = "healthy" | "stale" | "down";

/**
 * The platform at a glance for admins: top functions across every tenant by invocations, CPU and
 * errors over a range, platform totals, and each runtime node with its health from heartbeats.
 */
export async function getAdminOverview({ ctx, input, now = new Date() }: { ctx: Ctx; input: unknown; now?: Date }) {
  requirePlatformAdmin(ctx);
  const { range } = parseInput(OverviewInput, input);
  const w = windowFor(range, now);
  const db = await getDb();
  const { rows } = (await db.execute(sql`
    select s.tenant_id, o.slug, s.function_id, f.name, s.requests, s.errors, s.status_5xx, s.cpu_us
      from (${functionSums(null, w)}) s
      join function f on f.id = s.function_id
      join organization o on o.id = s.tenant_id`)) as unknown as { rows: Record<string, string | number>[] };
  const all: TopFunction[] = rows.map((x) => ({
    tenantId: String(x.tenant_id),
    tenantSlug: String(x.slug),
    functionId: String(x.function_id),
    name: String(x.name),
    requests: Number(x.requests),
    errors: Number(x.errors),
    status5xx: Number(x.status_5xx),
    cpuMs: Number(x.cpu_us) / 1000,
  }));
  const top = (key: (f: TopFunction) => number) => all.filter((f) => key(f) > 0).sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name)).slice(0, 10);
  const totals = all.reduce((t, f) => ({ requests: t.requests + f.requests, errors: t.errors + f.errors, status5xx: t.status5xx + f.status5xx, cpuMs: t.cpuMs + f.cpuMs }), { requests: 0, errors: 0, status5xx: 0, cpuMs: 0 });

  const n = schema.runtimeNodes;
  const nodes = (await db.select().from(n).orderBy(desc(n.lastHeartbeatAt))).map((node) => {
    const silentMs = now.getTime() - node.lastHeartbeatAt.getTime();
    const health: NodeHealth = silentMs > NODE_DOWN_MS ? "down" : silentMs > NODE_STALE_MS ? "stale" : "healthy";
    return { ...node, silentMs: Math.max(0, silentMs), health };
  });
  // A node behind the feed's latest revision has not applied every change yet.
  const [rev] = await db.select({ revision: sql<number>`coalesce(max(${schema.configChanges.revision}), 0)`.mapWith(Number) }).from(schema.configChanges);
  return {
    range,
    totals,
    topByRequests: top((f) => f.requests),
    topByCpu: top((f) => f.cpuMs),
    // Server errors: uncaught exceptions (500) and limit kills (503) alike.
    topByErrors: top((f) => f.status5xx),
    nodes,
    latestRevision: rev?.revision ?? 0,
  };
}
