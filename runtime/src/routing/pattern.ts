/**
 * Route path patterns in URLPattern pathname syntax (`/api/*`, `/users/:id`), compiled once so that
 * the per-request lookup is a few map reads. The common shapes (literal segments, whole-segment
 * `:name` parameters, a trailing `*`) become segment lists walked by a trie; anything else
 * (regexp groups, modifiers, `*` inside a segment) keeps a real URLPattern and is tested directly.
 * Shared by the runtime and the console (validation, conflicts, route tester) so both agree.
 */

export type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "rest" };

export interface CompiledPattern {
  source: string;
  /** Null when the pattern needs a real URLPattern (see `matcher`). */
  segments: Segment[] | null;
  matcher: URLPattern | null;
  /** Compared element by element, larger is more specific: static 3, parameter 2, wildcard 1. */
  specificity: number[];
}

const STATIC = /^[A-Za-z0-9._~!$&',;=@-]*$/;
const PARAM = /^:([A-Za-z_$][A-Za-z0-9_$]*)$/;
const MAX_PATTERN = 512;

// Compiled patterns by source: the route table is rebuilt on every configuration change, and most
// patterns are unchanged between two builds. Bounded so that churn cannot grow it without limit.
const cache = new Map<string, CompiledPattern | { error: string }>();
const CACHE_MAX = 100_000;

/** Compiles a pattern or returns a message saying what is wrong with it. */
export function compilePattern(source: string): CompiledPattern | { error: string } {
  let c = cache.get(source);
  if (!c) {
    c = compile(source);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(source, c);
  }
  return c;
}

function compile(source: string): CompiledPattern | { error: string } {
  if (typeof source !== "string" || source.length === 0) return { error: "is required" };
  if (source.length > MAX_PATTERN) return { error: `must be at most ${MAX_PATTERN} characters` };
  if (!source.startsWith("/")) return { error: 'must start with "/" (a path pattern such as /api/* or /users/:id)' };
  const raw = source.slice(1).split("/");
  const segments: Segment[] = [];
  const specificity: number[] = [];
  let simple = true;
  raw.forEach((part, i) => {
    const param = PARAM.exec(part);
    if (STATIC.test(part)) {
      segments.push({ kind: "static", value: part });
      specificity.push(3);
    } else if (param) {
      segments.push({ kind: "param", name: param[1]! });
      specificity.push(2);
    } else if (part === "*" && i === raw.length - 1) {
      segments.push({ kind: "rest" });
      specificity.push(1);
    } else {
      simple = false;
      specificity.push(part.includes("*") ? 1 : 2);
    }
  });
  // The simple shapes are valid URLPattern syntax by construction; only the others need a parser.
  if (simple) return { source, segments, matcher: null, specificity };
  try {
    return { source, segments: null, matcher: new URLPattern({ pathname: source }), specificity };
  } catch (e) {
    return { error: `is not a valid URLPattern path: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Negative when `a` is more specific than `b` (sorts the more specific first). */
export function compareSpecificity(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return b.length - a.length;
}

/** Does the compiled pattern match this pathname? (Used for complex patterns and by tests.) */
export function matchesPath(p: CompiledPattern, path: string): boolean {
  if (p.matcher) return p.matcher.test({ pathname: path });
  return matchSegments(p.segments!, path.slice(1).split("/"), 0);
}

function matchSegments(segs: Segment[], parts: string[], i: number): boolean {
  if (i === segs.length) return parts.length === segs.length;
  const s = segs[i]!;
  if (s.kind === "rest") return parts.length > i;
  const part = parts[i];
  if (part === undefined) return false;
  if (s.kind === "static" ? part !== s.value : part === "") return false;
  return matchSegments(segs, parts, i + 1);
}

/**
 * Could some path match both patterns? Exact for the simple shapes; for complex ones it answers
 * "yes" when the literal prefixes agree, so a possible overlap is shown rather than hidden.
 */
export function patternsOverlap(a: CompiledPattern, b: CompiledPattern): boolean {
  if (!a.segments || !b.segments) {
    const pa = literalPrefix(a.source);
    const pb = literalPrefix(b.source);
    return pa.startsWith(pb) || pb.startsWith(pa);
  }
  return overlapSegments(a.segments, b.segments, 0);
}

function overlapSegments(a: Segment[], b: Segment[], i: number): boolean {
  const x = a[i];
  const y = b[i];
  if (!x || !y) return !x && !y;
  if (x.kind === "rest" || y.kind === "rest") {
    // The other side needs at least this segment; a rest matches whatever it needs.
    return true;
  }
  if (x.kind === "static" && y.kind === "static" && x.value !== y.value) return false;
  if ((x.kind === "static" && x.value === "" && y.kind === "param") || (y.kind === "static" && y.value === "" && x.kind === "param")) return false;
  return overlapSegments(a, b, i + 1);
}

function literalPrefix(source: string): string {
  const m = /^[^:*(){}?+\\]*/.exec(source);
  return m ? m[0] : "";
}

/** Normalises a method list: upper case, unique, sorted; null or empty means every method. */
export function normalizeMethods(methods: readonly string[] | null | undefined): string[] | null {
  if (!methods || methods.length === 0) return null;
  return [...new Set(methods.map((m) => m.toUpperCase()))].sort();
}

export function methodsOverlap(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (!a || !b) return true;
  return a.some((m) => b.includes(m));
}
