/**
 * How a tenant module is compiled: small modules whole (so the first request after a deploy does
 * not compile its handler), large ones lazily, with V8's lazy compilation back on afterwards.
 * The bytecode of a function that is never called is what tells the two apart.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { median } from "../../../bench/stats.ts";
import { instanceOf } from "../../test/helpers.ts";
import { FunctionInstance } from "./instance.ts";

/** A module whose function `big` is never called, padded to about `chars` characters. */
function moduleWith(body: string, chars: number): string {
  const head = `function f() {}\nfunction big() { ${body} }\nexport default { async fetch() { return new Response("ok"); } };\n`;
  return head + "//".padEnd(Math.max(0, chars - head.length), "-");
}

/** The isolate's heap right after loading `code` (one fresh instance each time). */
async function heapAfterLoad(code: string): Promise<number> {
  const inst = await instanceOf(code);
  try {
    return (await inst.isolate.getHeapStatistics()).used_heap_size;
  } finally {
    inst.dispose();
  }
}

/**
 * Heap of a module whose uncalled function has ~700 calls, minus the same module with them
 * commented out: the median of five pairs. One pair is exact on a quiet machine (the same bytes
 * every time), but a garbage collection that happens to run during one load of a pair (seen once
 * in CI: -439,488 bytes) throws that pair off by the isolate's startup garbage.
 */
async function uncalledBytecode(chars: number): Promise<number> {
  const calls = "f(1,2,3,4,5,6,7,8);".repeat(700);
  const pairs: number[] = [];
  for (let i = 0; i < 5; i++) pairs.push((await heapAfterLoad(moduleWith(calls, chars))) - (await heapAfterLoad(moduleWith(`/*${calls.slice(4)}*/`, chars))));
  return median(pairs);
}

afterAll(() => FunctionInstance.disposeSpares());

describe("tenant module compilation", () => {
  it("compiles a small module whole, functions never called included", async () => {
    // ~26 KB of bytecode when compiled whole; a lazily compiled module would show next to nothing.
    expect(await uncalledBytecode(14_000)).toBeGreaterThan(16 * 1024);
  });

  it("leaves a large module's functions to compile when first called", async () => {
    expect(await uncalledBytecode(20_000)).toBeLessThan(8 * 1024);
  });

  it("turns V8's lazy compilation back on for the host", async () => {
    await heapAfterLoad(moduleWith("f();", 1000));
    const before = v8.getHeapCodeStatistics().bytecode_and_metadata_size;
    // An outer function compiled now, its inner one never called: lazily, only the outer gets bytecode.
    const outer = vm.runInThisContext(`(function outer() { return function inner() { ${"Math.max(1,2,3,4,5,6,7,8);".repeat(700)} }; })`) as () => unknown;
    expect(typeof outer()).toBe("function");
    expect(v8.getHeapCodeStatistics().bytecode_and_metadata_size - before).toBeLessThan(8 * 1024);
  });
});
