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

/** A frame of ours, not the tenant's: the host's files and Node's internals, or the prelude's bundles. */
const OUR_FRAME = /^\s+at .*(?:\bfile:\/\/|\bnode:|\bedge-[\w-]+\.js:)/;

/**
 * The tenant's part of a stack: its message and its own frames. Everything from isolated-vm's
 * boundary on is the host's (the runtime's files and paths, as when the module's top level
 * throws while the host loads it), and the prelude's frames (where its Request or Headers threw
 * for the tenant's call) are noise to the tenant: its own frame below says where it called.
 */
export function tenantStack(stack: string): string {
  const kept: string[] = [];
  for (const line of stack.split("\n")) {
    if (/^\s+at /.test(line) && line.includes("<isolated-vm boundary>")) break;
    if (!OUR_FRAME.test(line)) kept.push(line);
  }
  return kept.join("\n");
}

/**
 * The tenant's part of the stack (tenantStack), with every "worker.js:LINE:COL" rewritten to
 * "source:line:col" where the source map knows it. Filtered before the mapping: until then every
 * tenant frame is worker.js's, so a tenant file of its own named like ours is never dropped.
 */
export function mapStack(stack: string, key: object, sourceMap: string | null): string {
  stack = tenantStack(stack);
  const c = consumerFor(key, sourceMap);
  if (!c) return stack;
  const re = new RegExp(`${MODULE_FILENAME.replace(".", "\\.")}:(\\d+):(\\d+)`, "g");
  return stack.replace(re, (whole, line: string, col: string) => {
    const pos = c.originalPositionFor({ line: Number(line), column: Number(col) - 1 });
    if (!pos.source || pos.line === null) return whole;
    return `${pos.source}:${pos.line}:${(pos.column ?? 0) + 1}`;
  });
}
