/** console, timers, performance and navigator: each a thin layer over one host call. */
import { callAsync, defineGlobal, type HostBridge } from "./host.ts";
import { servingRequest } from "./dispatch.ts";
import { hostWaitingFor } from "./exchange.ts";
import { formatArgs, inspect } from "./inspect.ts";

export { formatArgs };

let host: HostBridge | null = null;
let timeOrigin = 0;

/** Called with the bridges after the isolate starts (or is restored from the snapshot). */
export function installGlobals(h: HostBridge): void {
  host = h;
  timeOrigin = Date.now();
  // Not at snapshot time: V8 installs the WebAssembly object afresh in each new context.
  patchWebAssembly();
}

function defineConsole(): void {
  const emit = (level: string, args: unknown[]): void => {
    const h = host;
    if (!h) return;
    const line = (groupIndent ? groupIndent : "") + formatArgs(args);
    // Inside the host's synchronous call (inline on its thread) or outside any request (the
    // module's top level), the line goes at once; otherwise it is handed over without a wait.
    const id = servingRequest();
    if (id > 0 && !hostWaitingFor(id)) h.logLater(level, line, id);
    else h.log(level, line);
  };
  let groupIndent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const console = {
    log: (...a: unknown[]) => emit("log", a),
    info: (...a: unknown[]) => emit("info", a),
    debug: (...a: unknown[]) => emit("debug", a),
    warn: (...a: unknown[]) => emit("warn", a),
    error: (...a: unknown[]) => emit("error", a),
    trace: (...a: unknown[]) => emit("debug", [`Trace: ${formatArgs(a)}\n${(new Error().stack ?? "").split("\n").slice(2).join("\n")}`]),
    dir: (v: unknown) => emit("log", [inspect(v, 1)]),
    table: (v: unknown) => emit("log", [v]),
    assert: (cond: unknown, ...a: unknown[]) => {
      if (!cond) emit("error", ["Assertion failed" + (a.length ? ":" : ""), ...a]);
    },
    count: (label = "default") => {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      emit("info", [`${label}: ${n}`]);
    },
    countReset: (label = "default") => void counts.delete(label),
    time: (label = "default") => void timers.set(label, Date.now()),
    timeLog: (label = "default", ...a: unknown[]) => emit("info", [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`, ...a]),
    timeEnd: (label = "default") => {
      emit("info", [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`]);
      timers.delete(label);
    },
    group: (...a: unknown[]) => {
      if (a.length) emit("log", a);
      groupIndent += "  ";
    },
    groupCollapsed: (...a: unknown[]) => console.group(...a),
    groupEnd: () => void (groupIndent = groupIndent.slice(2)),
  };
  defineGlobal("console", console);
}

const MAX_DELAY = 2_147_483_647;

function defineTimers(): void {
  let next = 1;
  const live = new Set<number>();
  const schedule = (repeat: boolean, cb: unknown, ms: unknown, args: unknown[]): number => {
    if (typeof cb !== "function") throw new TypeError("Callback must be a function");
    const id = next++;
    const delay = Math.min(Math.max(0, Number(ms) || 0), MAX_DELAY);
    live.add(id);
    const tick = (): void => {
      callAsync(host!.sleep, delay).then(() => {
        if (!live.has(id)) return;
        if (!repeat) live.delete(id);
        try {
          (cb as (...a: unknown[]) => void)(...args);
        } finally {
          if (repeat && live.has(id)) tick();
        }
      }).catch((e: unknown) => host?.log("error", `Uncaught (in timer callback) ${formatArgs([e])}`));
    };
    tick();
    return id;
  };
  defineGlobal("setTimeout", (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(false, cb, ms, args));
  defineGlobal("setInterval", (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(true, cb, ms, args));
  defineGlobal("clearTimeout", (id: unknown) => void live.delete(Number(id)));
  defineGlobal("clearInterval", (id: unknown) => void live.delete(Number(id)));
  defineGlobal("queueMicrotask", (cb: () => void) => {
    if (typeof cb !== "function") throw new TypeError("The callback must be a function");
    Promise.resolve()
      .then(cb)
      .catch((e: unknown) => host?.log("error", `Uncaught (in queueMicrotask) ${formatArgs([e])}`));
  });
}

function defineSmallGlobals(): void {
  const performance = {
    now: () => Date.now() - timeOrigin,
    get timeOrigin() {
      return timeOrigin;
    },
    toJSON: () => ({ timeOrigin }),
  };
  defineGlobal("performance", performance);
  defineGlobal("navigator", Object.freeze({ userAgent: "edgefn/1", language: "en", languages: Object.freeze(["en"]), hardwareConcurrency: 1 }));
}

type WasmSource = ArrayBuffer | ArrayBufferView;
interface Wasm {
  Module: new (bytes: WasmSource) => object;
  Instance: new (module: object, imports?: object) => object;
  compile(bytes: WasmSource): Promise<object>;
  instantiate(source: WasmSource | object, imports?: object): Promise<unknown>;
  compileStreaming?(source: unknown): Promise<object>;
  instantiateStreaming?(source: unknown, imports?: object): Promise<unknown>;
}

/**
 * isolated-vm never completes V8's asynchronous WebAssembly compilation (laverdet/isolated-vm#308:
 * the promise stays pending), so the async entry points compile synchronously and resolve a promise.
 * The CPU is the tenant's, as it would be anyway.
 */
function patchWebAssembly(): void {
  const W = (globalThis as unknown as { WebAssembly?: Wasm }).WebAssembly;
  if (!W) return;
  const { Module, Instance } = W;
  const compile = (bytes: WasmSource): Promise<object> => new Promise((resolve) => resolve(new Module(bytes)));
  const instantiate = (source: WasmSource | object, imports?: object): Promise<unknown> =>
    new Promise((resolve) => {
      if (source instanceof Module) resolve(new Instance(source, imports));
      else {
        const compiled = new Module(source as WasmSource);
        resolve({ module: compiled, instance: new Instance(compiled, imports) });
      }
    });
  const bytesOf = async (source: unknown): Promise<ArrayBuffer> => (await (source as Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>)).arrayBuffer();
  const patch: Partial<Wasm> = {
    compile,
    instantiate,
    compileStreaming: async (source) => compile(await bytesOf(source)),
    instantiateStreaming: async (source, imports) => instantiate(await bytesOf(source), imports),
  };
  for (const [name, fn] of Object.entries(patch)) Object.defineProperty(W, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

/** Globals that need no host at definition time; they reach the host only when called. */
export function defineHostGlobals(): void {
  defineConsole();
  defineTimers();
  defineSmallGlobals();
}
