/**
 * Libraries few functions use (fflate behind CompressionStream, urlpattern-polyfill behind
 * URLPattern) are not part of the prelude: the source of every script in the snapshot stays in
 * each isolate (~1 byte per character, ~50 KB for these two), used or not. The host compiles one
 * into the isolate the first time a function reaches for it (runtime/src/isolates/prelude.ts
 * builds them, instance.ts loads them) and hands its exports to setLib.
 */
let load: (name: string) => void = () => undefined;
const loaded = new Map<string, unknown>();

export function installLibs(hostLoad: (name: string) => void): void {
  load = hostLoad;
}

/** Called by the host with a library's exports (an entry point, like __edgeSetModule). */
export function setLib(name: string, exports: unknown): void {
  if (!loaded.has(name)) loaded.set(name, exports);
}

/** The library's exports, loaded by the host on first use. */
export function lib<T>(name: "fflate" | "urlpattern"): T {
  if (!loaded.has(name)) load(name);
  const exports = loaded.get(name);
  if (exports === undefined) throw new Error(`${name} could not be loaded`);
  return exports as T;
}
