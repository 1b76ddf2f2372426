/**
 * The answer window: a small SharedArrayBuffer per isolate through which a request that settles
 * while the host is still inside its synchronous dispatch call hands back its answer, instead of
 * calling back into the host. A callback from the isolate costs ~5–7 µs per request on these
 * machines (measured in a tight loop: 14.4 against 7–10 µs per request), a tenth of what a
 * hello world request costs the worker's thread.
 *
 * Protocol (one window per isolate, one request at a time; slot STATE holds the state):
 * - the host opens the window for request `id` (a positive int32) before its synchronous call;
 * - the prelude, once the answer is ready, claims it with compareExchange(id → CLAIMED), writes
 *   the answer, and publishes it with compareExchange(CLAIMED → DONE). If either fails (the host
 *   is no longer waiting, or the answer does not fit), it answers through the callback instead;
 * - the host, after its call returns, closes the window with compareExchange(id → CLOSED). It
 *   reads the answer if it finds DONE. If it finds CLAIMED (the isolate went on running on
 *   isolated-vm's threads and is writing now), it abandons the window with
 *   compareExchange(CLAIMED → ABANDONED), and the prelude's publish fails, so the answer comes
 *   through the callback. Whoever's compareExchange succeeds decides; nothing waits.
 *
 * The buffer never reaches tenant code: the prelude keeps its views in closures and never calls a
 * method or an accessor on them (tenant code may have replaced those on the prototypes), only
 * indexed stores and the Atomics functions captured when the prelude loaded, and it copies only
 * while String.prototype.charCodeAt is still the original. The host checks every length it
 * reads. Only string and empty bodies go this way; bytes and streams use the callback.
 */

/**
 * A response's streamId: -1 for none (the body came whole), a positive id for a stream the host
 * pulls out of the isolate chunk by chunk (dispatch.ts), or HOST_BODY minus a host stream id for
 * an untouched body that came from the host (a fetch() response's, the request's), which the host
 * sends on from its own side without entering the isolate.
 */
export const NO_STREAM = -1;
export const HOST_BODY = -2;
/** The host stream id a streamId names, or -1 when it names none. */
export function hostBodyOf(streamId: number): number {
  return streamId <= HOST_BODY ? HOST_BODY - streamId : -1;
}

/**
 * Bytes per isolate: 64 bytes of int32 slots, then the answer's strings as UTF-16 code units.
 * Small on purpose: in a young isolate the copy runs interpreted, a few hundred ns a character,
 * where isolated-vm copies a string argument of any length at memory speed.
 */
export const EXCHANGE_BYTES = 1024;
/** Byte offset of the strings (statusText, then headers, then the body). */
export const EXCHANGE_DATA = 64;
/** Room for the strings, in UTF-16 code units. */
export const EXCHANGE_UNITS = (EXCHANGE_BYTES - EXCHANGE_DATA) / 2;
/** Int32 slots. */
export const X_STATE = 0;
export const X_STATUS = 1;
export const X_STATUS_TEXT = 2;
export const X_HEADERS = 3;
/** Length of the body in code units, or -1 for no body. */
export const X_BODY = 4;
/**
 * X_HEADERS when the headers are those of the last answer the window carried: most functions
 * answer with the same headers every time, and copying them a character at a time is the costly
 * part of the window in a young isolate (its code still interpreted; ~30 µs for hello world's
 * ~50 characters on the first two requests, measured in-process).
 */
export const SAME_HEADERS = -1;

export const CLOSED = 0;
export const CLAIMED = -1;
export const DONE = -2;
export const ABANDONED = -3;

/** The largest request id a window takes (ids are positive int32s). */
export const MAX_WINDOW_ID = 0x3fffffff;

const cas = Atomics.compareExchange;
const load = Atomics.load;
const charCodeAt = String.prototype.charCodeAt;
const describeOwn = Object.getOwnPropertyDescriptor;

let slots: Int32Array | null = null;
let units: Uint16Array | null = null;
/** The headers of the last answer the host took from the window (it keeps them too). */
let lastHeaders: string | null = null;

/** Called once by init() with the host's buffer. */
export function setExchange(sab: unknown): void {
  if (!(sab instanceof SharedArrayBuffer) || sab.byteLength !== EXCHANGE_BYTES) return;
  slots = new Int32Array(sab, 0, EXCHANGE_DATA / 4);
  units = new Uint16Array(sab, EXCHANGE_DATA, EXCHANGE_UNITS);
}

/** Whether the host is inside its synchronous dispatch call for request `id` (the window is open for it). */
export function hostWaitingFor(id: number): boolean {
  return slots !== null && id > 0 && load(slots, X_STATE) === id;
}

/**
 * Hands the answer of request `id` to the host through the window; false when it must go through
 * the callback (no window open for it, too large, or the host stopped waiting).
 */
export function answerThroughWindow(id: number, status: number, statusText: string, headers: string, body: string | null): boolean {
  const s = slots;
  const u = units;
  if (s === null || u === null || id <= 0) return false;
  // The copy below calls charCodeAt on each string: if tenant code replaced it (with anything,
  // even a getter), the answer goes through the callback, which copies strings whole. Reading
  // the descriptor runs no tenant code, and nothing between here and the copy does.
  if (describeOwn(String.prototype, "charCodeAt")?.value !== charCodeAt) return false;
  const same = headers === lastHeaders;
  const bodyLength = body === null ? 0 : body.length;
  if (statusText.length + (same ? 0 : headers.length) + bodyLength > EXCHANGE_UNITS) return false;
  if (cas(s, X_STATE, id, CLAIMED) !== id) return false;
  try {
    let o = 0;
    for (let i = 0; i < statusText.length; i++) u[o++] = statusText.charCodeAt(i);
    if (!same) for (let i = 0; i < headers.length; i++) u[o++] = headers.charCodeAt(i);
    if (body !== null) for (let i = 0; i < body.length; i++) u[o++] = body.charCodeAt(i);
    s[X_STATUS] = status;
    s[X_STATUS_TEXT] = statusText.length;
    s[X_HEADERS] = same ? SAME_HEADERS : headers.length;
    s[X_BODY] = body === null ? -1 : body.length;
  } catch {
    // Nothing here should throw; if it ever does, the callback still carries the answer.
    cas(s, X_STATE, CLAIMED, ABANDONED);
    return false;
  }
  if (cas(s, X_STATE, CLAIMED, DONE) !== CLAIMED) return false;
  lastHeaders = headers;
  return true;
}
