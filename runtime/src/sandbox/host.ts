/**
 * The shape of the host bridge as seen from inside the isolate. The host installs it as a global
 * before the prelude runs; the prelude captures it into closures and deletes the global, so tenant
 * code can never call a bridge directly, only through the Web APIs built on top of it.
 */
export interface AsyncRef {
  apply(receiver: undefined, args: unknown[], options: { arguments: { copy: true }; result: { promise: true; copy: true } }): Promise<unknown>;
}

export interface UrlParts {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
}

export interface HostBridge {
  /** Console line for the current invocation (the host runs it before the isolate goes on). */
  log(level: string, message: string): void;
  /**
   * Console line of request `id`, handed over without waiting for the host: from isolated-vm's
   * threads a waiting call costs a round trip to the worker's event loop per line. The host runs
   * these in order with the other callbacks (the answer's included), so a line still precedes
   * the answer it was written before.
   */
  logLater(level: string, message: string, id: number): void;
  /** Cryptographically secure random bytes from the host. */
  random(length: number): Uint8Array;
  /** WHATWG URL parsing by the host's own parser (IDNA included), null when invalid. */
  parseUrl(input: string, base: string | undefined): UrlParts | null;
  /** Outbound fetch through the egress policy. Never rejects: errors come back as { error }. */
  fetch: AsyncRef;
  /** Next chunk of a host-side stream (request body, fetch response body); null at the end. */
  read: AsyncRef;
  /** Cancels a host-side stream. */
  cancel(id: number): void;
  /** Resolves after ms; backs setTimeout. */
  sleep: AsyncRef;
  /** UTF-8 decode of large buffers by the host (pure function, much faster than JS in a cold isolate). */
  decode(bytes: Uint8Array): string;
  /** crypto.subtle on the host: (op, args) → { ok } | { error: { name, message } }; keys are handles. */
  subtle: AsyncRef;
  /** Drops a host key once its CryptoKey is garbage-collected in the isolate. */
  releaseKey(handle: number): void;
  /** Aborts an outbound fetch by the id the prelude gave it. */
  abortFetch(id: number): void;
  /** Legacy encodings through the host's ICU: bytes null → canonical name for a label (or null); else the text (null when fatal and invalid). */
  legacyDecode(label: string, bytes: Uint8Array | null, fatal: boolean): string | null;
}

export function callAsync<T>(ref: AsyncRef, ...args: unknown[]): Promise<T> {
  return ref.apply(undefined, args, { arguments: { copy: true }, result: { promise: true, copy: true } }) as Promise<T>;
}

/** Defines a non-enumerable global the way Web APIs appear in browsers and workers. */
export function defineGlobal(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}
