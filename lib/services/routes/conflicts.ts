import { compareSpecificity, compilePattern, methodsOverlap, patternsOverlap, type CompiledPattern } from "@/runtime/src/routing/pattern";
import { compareRoutes } from "@/runtime/src/routing/table";
import type { RouteState } from "@/runtime/src/protocol";

export type Overlap = {
  routeId: string;
  pattern: string;
  methods: string[] | null;
  /** "ambiguous": neither wins (blocks saving); otherwise which side serves the shared requests. */
  kind: "ambiguous" | "wins" | "loses";
  message: string;
};

type Item = { route: RouteState; compiled: CompiledPattern };

function item(route: RouteState): Item | null {
  const compiled = compilePattern(route.pattern);
  return "error" in compiled ? null : { route, compiled };
}

function why(a: Item, b: Item): string {
  if (compareSpecificity(a.compiled.specificity, b.compiled.specificity) !== 0) return "its path is more specific";
  if (Boolean(a.route.methods?.length) !== Boolean(b.route.methods?.length)) return "it is limited to methods";
  return "its priority is higher";
}

/** How `route` relates to each other route of the same domain that can match the same requests. */
export function overlapsOf(route: RouteState, others: RouteState[]): Overlap[] {
  const a = item(route);
  if (!a) return [];
  const out: Overlap[] = [];
  for (const o of others) {
    if (o.routeId === route.routeId) continue;
    const b = item(o);
    if (!b || !patternsOverlap(a.compiled, b.compiled) || !methodsOverlap(a.route.methods, b.route.methods)) continue;
    const tie =
      compareSpecificity(a.compiled.specificity, b.compiled.specificity) === 0 &&
      Boolean(a.route.methods?.length) === Boolean(b.route.methods?.length) &&
      a.route.priority === b.route.priority;
    const base = { routeId: o.routeId, pattern: o.pattern, methods: o.methods };
    if (tie) {
      out.push({ ...base, kind: "ambiguous", message: `Matches the same requests as ${o.pattern} with the same specificity and priority; change the pattern, the methods or the priority.` });
    } else if (compareRoutes(a, b) < 0) {
      out.push({ ...base, kind: "wins", message: `Overlaps ${o.pattern}; this route serves the shared requests (${why(a, b)}).` });
    } else {
      out.push({ ...base, kind: "loses", message: `Overlaps ${o.pattern}, which serves the shared requests (${why(b, a)}).` });
    }
  }
  return out;
}
