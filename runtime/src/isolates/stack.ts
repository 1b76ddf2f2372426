/**
 * Maps stack traces from the compiled module back to the tenant's own files and lines through the
 * esbuild source map the console stored with the version.
 */
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";

export const MODULE_FILENAME = "worker.js";

const consumers = new WeakMap<object, SourceMapConsumer | null>();

function consumerFor(key: object, sourceMap: string | null): SourceMapConsumer | null {
  if (consumers.has(key)) return consumers.get(key)!;
  let c: SourceMapConsumer | null = null;
  try {
    if (sourceMap) c = new SourceMapConsumer(JSON.parse(sourceMap) as RawSourceMap);
  } catch {
    c = null;
  }
  consumers.set(key, c);
  return c;
}

/** Rewrites every "worker.js:LINE:COL" in the stack to "source:line:col" when the map knows it. */
export function mapStack(stack: string, key: object, sourceMap: string | null): string {
  const c = consumerFor(key, sourceMap);
  if (!c) return stack;
  const re = new RegExp(`${MODULE_FILENAME.replace(".", "\\.")}:(\\d+):(\\d+)`, "g");
  return stack.replace(re, (whole, line: string, col: string) => {
    const pos = c.originalPositionFor({ line: Number(line), column: Number(col) - 1 });
    if (!pos.source || pos.line === null) return whole;
    return `${pos.source}:${pos.line}:${(pos.column ?? 0) + 1}`;
  });
}
