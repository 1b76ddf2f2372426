/**
 * The entry points the host calls: setModule (after the tenant module is evaluated), dispatch (one
 * per request) and pull (next chunk of a streamed response body). Both function shapes are
 * supported: `export default { fetch }` and `addEventListener("fetch", ...)`.
 *
 * The request path is one crossing each way: dispatch takes only primitives (the headers as one
 * "\n"-joined string, which the host's HTTP parser guarantees cannot contain "\n"), and the
 * outcome goes back with the status, the headers (joined the same way) and a small body, either
 * through the answer window (exchange.ts) or through one host callback call.
 * Nothing is copied as an object graph and no promise crosses the boundary.
 */
import { hostStream, takeHostStream } from "./body.ts";
import { utf8Encode } from "./encoding.ts";
import { answerThroughWindow, HOST_BODY, NO_STREAM } from "./exchange.ts";
import { Headers } from "./headers.ts";
import { Request, requestFromHost, Response } from "./request.ts";
import type { ReadableStreamDefaultReader } from "./streams.ts";

type Handler = (request: Request, env: Record<string, string>, ctx: ExecutionContext) => unknown;
interface ExecutionContext {
  waitUntil(p: unknown): void;
  passThroughOnException(): void;
}
type Listener = (event: FetchEvent) => void;

const listeners: Listener[] = [];
let moduleHandler: Handler | null = null;

/** Bodies this small cross back in the dispatch result; larger ones are pulled in chunks. */
const INLINE_BYTES = 256 * 1024;
const CHUNK_BYTES = 64 * 1024;

class FetchEvent {
  readonly type = "fetch";
  readonly request: Request;
  _response: unknown = undefined;
  readonly _id: number;
  constructor(request: Request, id: number) {
    this.request = request;
    this._id = id;
  }
  respondWith(r: unknown): void {
    if (this._response !== undefined) throw new TypeError("respondWith() was already called");
    this._response = r;
  }
  waitUntil(p: unknown): void {
    waitUntil(this._id, p);
  }
  passThroughOnException(): void {}
}

export function addEventListener(type: string, listener: Listener): void {
  if (type === "fetch" && typeof listener === "function") listeners.push(listener);
}

/**
 * How the outcome of a request reaches the host (ivm.Callbacks; the host matches them by id).
 * `headers` is "name\nvalue\nname\nvalue..." (Headers#_flat).
 */
export type Respond = (id: number, status: number, statusText: string, headers: string, body: string | Uint8Array | null, streamId: number) => void;
export type Fail = (id: number, name: string, message: string, stack: string) => void;
/**
 * waitUntil bookkeeping for the host: HOLD when a request first passes a promise to waitUntil
 * (the host keeps the invocation, and the isolate, until RELEASE), REJECTED for each promise that
 * rejects (name, message, stack), RELEASE once the request has answered and every promise settled.
 */
export type Wait = (id: number, state: number, name: string, message: string, stack: string) => void;
export const WAIT_RELEASE = 0;
export const WAIT_HOLD = 1;
export const WAIT_REJECTED = 2;

let respond: Respond = () => undefined;
let fail: Fail = () => undefined;
let wait: Wait = () => undefined;

/** The request whose handler is running (one at a time per isolate); 0 once it has answered. */
let open = 0;
/** Requests with waitUntil work outstanding (rarely more than one entry, usually none). */
const holds = new Map<number, { pending: number; answered: boolean }>();

/**
 * The request this isolate serves: its handler is running, or its waitUntil work is (the host
 * matches lines handed over without a wait to the request by this id); 0 otherwise, as while
 * the module's top level runs.
 */
export function servingRequest(): number {
  if (open !== 0) return open;
  for (const id of holds.keys()) return id;
  return 0;
}

/**
 * Keeps request `id` alive until `p` settles, as on Workers: the response goes out when ready,
 * the invocation ends when every such promise has settled. A promise passed after the request
 * has answered and all of its earlier ones settled extends nothing (its rejection is dropped).
 */
function waitUntil(id: number, p: unknown): void {
  let h = holds.get(id);
  if (!h) {
    if (open !== id) {
      Promise.resolve(p).catch(() => undefined);
      return;
    }
    h = { pending: 0, answered: false };
    holds.set(id, h);
    wait(id, WAIT_HOLD, "", "", "");
  }
  const hold = h;
  hold.pending++;
  Promise.resolve(p).then(
    () => settled(id, hold),
    (e: unknown) => {
      const d = describe(e);
      if (!d.ok) wait(id, WAIT_REJECTED, d.name, d.message, d.stack);
      settled(id, hold);
    },
  );
}

function settled(id: number, hold: { pending: number; answered: boolean }): void {
  hold.pending--;
  if (hold.answered && hold.pending === 0 && holds.delete(id)) wait(id, WAIT_RELEASE, "", "", "");
}

/** The handler has answered (or thrown): release now if no waitUntil work is left. */
function answered(id: number): void {
  if (open === id) open = 0;
  const h = holds.get(id);
  if (!h) return;
  h.answered = true;
  if (h.pending === 0 && holds.delete(id)) wait(id, WAIT_RELEASE, "", "", "");
}
/** The version's env, frozen once: every request sees the same immutable object. */
let env: Readonly<Record<string, string>> = Object.freeze({});

export function setModule(ns: { default?: { fetch?: unknown } }, hostEnv: Record<string, string>, onRespond: Respond, onFail: Fail, onWait: Wait): void {
  const def = ns.default;
  // Assigned either way: the host's warm-up sets a stand-in module before the tenant's (instance.ts).
  moduleHandler = def && typeof def.fetch === "function" ? (req, env, ctx) => (def.fetch as Handler).call(def, req, env, ctx) : null;
  env = Object.freeze({ ...hostEnv });
  respond = onRespond;
  fail = onFail;
  wait = onWait;
}

export type DispatchResult =
  | { ok: true; status: number; statusText: string; headers: [string, string][]; bytes: Uint8Array | null; text?: string; streamId: number | null }
  | { ok: false; name: string; message: string; stack: string };

let nextStream = 1;
const outStreams = new Map<number, { reader: ReadableStreamDefaultReader<Uint8Array>; rest: Uint8Array | null }>();

function describe(e: unknown): DispatchResult {
  if (e instanceof Error) return { ok: false, name: e.name, message: e.message, stack: String(e.stack ?? `${e.name}: ${e.message}`) };
  return { ok: false, name: "Error", message: String(e), stack: `Uncaught ${String(e)}` };
}

/**
 * Starts one request. `headers` is "name\nvalue\nname\nvalue..." as the host received them;
 * `bodyId` is the host stream of the request body or -1. The outcome is reported through
 * respond/fail, synchronously when the handler settles within this call's microtasks.
 */
export function dispatch(id: number, method: string, url: string, headers: string, bodyId: number): void {
  open = id;
  handle(id, method, url, headers, bodyId).then(
    (r) => {
      // Small answers settled within the host's synchronous call go back through the answer
      // window (exchange.ts); the rest, and any that settle later, through the callback.
      const body = r.body;
      const windowed = r.streamId === NO_STREAM && (body === null || typeof body === "string") && answerThroughWindow(id, r.status, r.statusText, r.headers, body);
      if (!windowed) respond(id, r.status, r.statusText, r.headers, body, r.streamId);
      answered(id);
    },
    (e: unknown) => {
      const d = describe(e);
      if (!d.ok) fail(id, d.name, d.message, d.stack);
      answered(id);
    },
  );
}

/**
 * What handle() hands to dispatch. A class rather than an object literal: V8 builds a literal's
 * boilerplate in the runtime on the literal's second run, and in a new isolate that second run
 * was the first real request after a deploy (the rehearsal in isolates/instance.ts runs this
 * part of the path once).
 */
class Outcome {
  declare status: number;
  declare statusText: string;
  declare headers: string;
  declare body: string | Uint8Array | null;
  declare streamId: number;
  constructor(status: number, statusText: string, headers: string) {
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    this.body = null;
    this.streamId = NO_STREAM;
  }
}

async function handle(id: number, method: string, url: string, rawHeaders: string, bodyId: number): Promise<Outcome> {
  const request = requestFromHost(url, method, Headers._fromHost(rawHeaders));
  if (bodyId >= 0) request._body = { bytes: null, stream: hostStream(bodyId), contentType: null };
  const ctx: ExecutionContext = {
    waitUntil: (p) => waitUntil(id, p),
    passThroughOnException: () => undefined,
  };
  let result: unknown;
  if (moduleHandler) result = await moduleHandler(request, env, ctx);
  else if (listeners.length) {
    const event = new FetchEvent(request, id);
    for (const l of listeners) l(event);
    if (event._response === undefined) throw new Error("No fetch listener called event.respondWith()");
    result = await event._response;
  } else throw new Error("The function has no fetch handler: export default { fetch } or addEventListener('fetch', ...)");
  if (!(result instanceof Response)) throw new TypeError("The fetch handler must return a Response");
  const out = new Outcome(result.status, result.statusText, result.headers._flat());
  // Response's fields are plain properties a handler can overwrite; what would make the host
  // fail to send it is the handler's error, said here, not an opaque platform 500.
  const status = out.status;
  if (typeof status !== "number" || (status | 0) !== status || status < 200 || status > 599) {
    throw new TypeError(status === 0 ? "The fetch handler returned an error Response (Response.error()); return a Response with a status from 200 to 599" : `The fetch handler returned a Response with status ${typeof status === "number" ? status : typeof status}; it must be an integer from 200 to 599`);
  }
  if (typeof out.statusText !== "string" || typeof out.headers !== "string") throw new TypeError("The fetch handler returned a Response whose statusText or headers were replaced by something else");
  const body = result._body;
  if (body.stream === null && (body.bytes === null || body.bytes.length <= INLINE_BYTES)) {
    // Strings cross to the host far cheaper than bytes.
    out.body = body.text !== undefined && !result.bodyUsed ? body.text : body.bytes;
    if (out.body !== null && typeof out.body !== "string" && !(out.body instanceof Uint8Array)) throw new TypeError("The fetch handler returned a Response whose body was replaced by something else");
    return out;
  }
  // A fetch() response's body (or the request's) that the function passed on untouched: the
  // host sends it from its side, so its bytes never cross the isolate or count as its CPU.
  const hostId = takeHostStream(result.body!);
  if (hostId >= 0) {
    out.streamId = HOST_BODY - hostId;
    return out;
  }
  out.streamId = nextStream++;
  outStreams.set(out.streamId, { reader: result.body!.getReader(), rest: null });
  return out;
}

/** Next chunk (at most CHUNK_BYTES) of a streamed response body; null at the end. */
export async function pull(id: number): Promise<Uint8Array | null | DispatchResult> {
  const s = outStreams.get(id);
  if (!s) return null;
  try {
    let chunk = s.rest;
    s.rest = null;
    if (!chunk) {
      const r = await s.reader.read();
      if (r.done) {
        outStreams.delete(id);
        return null;
      }
      const v: unknown = r.value;
      // Workers accept any BufferSource chunk (and strings); views keep their offset and length.
      chunk = v instanceof Uint8Array ? v : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v instanceof ArrayBuffer ? new Uint8Array(v) : utf8Encode(String(v));
    }
    if (chunk.length > CHUNK_BYTES) {
      s.rest = chunk.subarray(CHUNK_BYTES);
      chunk = chunk.slice(0, CHUNK_BYTES);
    }
    return chunk;
  } catch (e) {
    outStreams.delete(id);
    return describe(e);
  }
}

/** Cancels a response stream whose client went away. */
export function cancel(id: number): void {
  const s = outStreams.get(id);
  outStreams.delete(id);
  s?.reader.cancel().catch(() => undefined);
}
