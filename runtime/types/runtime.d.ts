/**
 * The runtime's own declarations (hand-written): the function shapes, env, ctx, and the globals
 * whose isolate version is smaller than the browser's (performance, navigator). The standard Web
 * APIs come from web.generated.d.ts, extracted from TypeScript's lib.webworker by generate.ts.
 */

/** Variables and secrets of the function (Variables tab), by name. */
type Env = Record<string, string>;

/** The third argument of fetch(): work that outlives the response. */
interface ExecutionContext {
  /** Keeps the invocation alive until the promise settles (logging, cache writes) without delaying the response. */
  waitUntil(promise: Promise<unknown>): void;
  /** If the handler throws, answer as if the function were not there instead of with an error. */
  passThroughOnException(): void;
}

/** The shape of a module function: `export default { async fetch(request, env, ctx) { ... } } satisfies ExportedHandler`. */
interface ExportedHandler<E = Env> {
  fetch?(request: Request, env: E, ctx: ExecutionContext): Response | Promise<Response>;
}

/** The event of the service-worker syntax: `addEventListener("fetch", (event) => event.respondWith(...))`. */
interface FetchEvent {
  readonly type: "fetch";
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** Registers the handler of the service-worker syntax. Only "fetch" events exist. */
declare function addEventListener(type: "fetch", handler: (event: FetchEvent) => void): void;

/** High-resolution time: milliseconds since the isolate started. */
interface Performance {
  now(): number;
  readonly timeOrigin: number;
  toJSON(): { timeOrigin: number };
}
declare var performance: Performance;

/** What the isolate says about itself. */
interface Navigator {
  readonly userAgent: string;
  readonly language: string;
  readonly languages: readonly string[];
  readonly hardwareConcurrency: number;
}
declare var navigator: Navigator;

/** The global object (there is no window or document). */
declare var self: typeof globalThis;
