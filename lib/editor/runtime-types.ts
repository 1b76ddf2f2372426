/**
 * Ambient declarations for the function editor's IntelliSense: what a function's module sees at
 * runtime beyond lib.dom (which already types Request, Response, Headers, fetch, URL,
 * URLSearchParams, TextEncoder/TextDecoder, crypto, console, setTimeout, atob/btoa).
 * Added to Monaco with typescriptDefaults.addExtraLib; it is never compiled into a function.
 */
export const RUNTIME_TYPES = `
/** Variables and secrets of the function (Variables tab), by name. */
type Env = Record<string, string>;

/** The third argument of fetch(): work that outlives the response. */
interface ExecutionContext {
  /** Keeps the isolate running until the promise settles (logging, cache writes) without delaying the response. */
  waitUntil(promise: Promise<unknown>): void;
  /** If the handler throws, answer as if the function were not there instead of with an error. */
  passThroughOnException(): void;
}

/** The shape of a module function: export default { async fetch(request, env, ctx) { ... } } satisfies ExportedHandler. */
interface ExportedHandler<E = Env> {
  fetch?(request: Request, env: E, ctx: ExecutionContext): Response | Promise<Response>;
}

/** The event of the service-worker syntax: addEventListener("fetch", (event) => event.respondWith(...)). */
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

declare function addEventListener(type: "fetch", handler: (event: FetchEvent) => void): void;

/** Web Crypto as the isolate provides it: getRandomValues, randomUUID and subtle (HMAC, SHA, AES, ...). */
declare var crypto: Crypto;
`;
