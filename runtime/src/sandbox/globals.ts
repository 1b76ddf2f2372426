/** console, timers, crypto and small globals: each a thin layer over one host call. */
import { callAsync, defineGlobal, type HostBridge } from "./host.ts";

/** Formats console arguments roughly the way Node and browsers print them. */
export function formatArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "string") return a;
      if (a instanceof Error) return a.stack ?? `${a.name}: ${a.message}`;
      if (typeof a === "object" && a !== null) {
        try {
          return JSON.stringify(a);
        } catch {
          return String(a);
        }
      }
      return String(a);
    })
    .join(" ");
}

export function installConsole(host: HostBridge): void {
  const make = (level: string) => (...args: unknown[]) => host.log(level, formatArgs(args));
  const console = {
    log: make("log"),
    info: make("info"),
    debug: make("debug"),
    warn: make("warn"),
    error: make("error"),
    trace: make("debug"),
  };
  defineGlobal("console", console);
}

const MAX_DELAY = 2_147_483_647;

export function installTimers(host: HostBridge): void {
  let next = 1;
  const live = new Set<number>();
  const schedule = (repeat: boolean, cb: unknown, ms: unknown, args: unknown[]): number => {
    if (typeof cb !== "function") throw new TypeError("Callback must be a function");
    const id = next++;
    const delay = Math.min(Math.max(0, Number(ms) || 0), MAX_DELAY);
    live.add(id);
    const tick = (): void => {
      callAsync(host.sleep, delay).then(() => {
        if (!live.has(id)) return;
        if (!repeat) live.delete(id);
        (cb as (...a: unknown[]) => void)(...args);
        if (repeat && live.has(id)) tick();
      });
    };
    tick();
    return id;
  };
  defineGlobal("setTimeout", (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(false, cb, ms, args));
  defineGlobal("setInterval", (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(true, cb, ms, args));
  defineGlobal("clearTimeout", (id: unknown) => live.delete(Number(id)));
  defineGlobal("clearInterval", (id: unknown) => live.delete(Number(id)));
  defineGlobal("queueMicrotask", (cb: () => void) => {
    Promise.resolve().then(cb);
  });
}

export function installCrypto(host: HostBridge): void {
  const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array) {
      throw new TypeError("The data argument must be an integer-type TypedArray");
    }
    if (array.byteLength > 65536) throw new RangeError("The ArrayBufferView's byte length exceeds the number of bytes of entropy available (65536)");
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(host.random(array.byteLength));
    return array;
  };
  const randomUUID = (): string => {
    const b = host.random(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  defineGlobal("crypto", { getRandomValues, randomUUID });
  const origin = Date.now();
  defineGlobal("performance", { now: () => Date.now() - origin, timeOrigin: origin });
}
