/**
 * Body handling shared by Request and Response (Fetch standard "Body mixin"). A body is either
 * bytes already in the isolate or a ReadableStream (tenant-made, or backed by a host stream that
 * is pulled chunk by chunk). Streams are made only when someone asks for `.body`.
 */
import { Blob, bytesOf, concat } from "./blob.ts";
import { utf8Decode, utf8Encode } from "./encoding.ts";
import type { AbortSignal } from "./events.ts";
import { FormData, parseFormData, serializeMultipart } from "./formdata.ts";
import type { Headers } from "./headers.ts";
import { callAsync, type HostBridge } from "./host.ts";
import { ReadableStream } from "./streams.ts";
import { URLSearchParams } from "./url.ts";

let host: HostBridge;
export function installBody(h: HostBridge): void {
  host = h;
}

export type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | ReadableStream<Uint8Array> | URLSearchParams | null | undefined;

export interface BodyState {
  bytes: Uint8Array | null;
  /** The original string when the body was made from one: strings cross to the host far cheaper than bytes. */
  text?: string;
  stream: ReadableStream<Uint8Array> | null;
  contentType: string | null;
}

/** Turns any accepted body init into bytes or a stream, with its implied content type. */
export function extractBody(init: BodyInit): BodyState {
  if (init === null || init === undefined) return { bytes: null, stream: null, contentType: null };
  if (typeof init === "string") return { bytes: utf8Encode(init), text: init, stream: null, contentType: "text/plain;charset=UTF-8" };
  if (init instanceof URLSearchParams) return { bytes: utf8Encode(init.toString()), stream: null, contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
  if (init instanceof ArrayBuffer || ArrayBuffer.isView(init)) return { bytes: bytesOf(init), stream: null, contentType: null };
  if (init instanceof Blob) return { bytes: init._bytes, stream: null, contentType: init.type || null };
  if (init instanceof FormData) {
    const { bytes, contentType } = serializeMultipart(init);
    return { bytes, stream: null, contentType };
  }
  if (init instanceof ReadableStream) {
    if (init.locked || isDisturbed(init)) throw new TypeError("The body stream is locked or has already been read");
    return { bytes: null, stream: init, contentType: null };
  }
  const s = String(init);
  return { bytes: utf8Encode(s), text: s, stream: null, contentType: "text/plain;charset=UTF-8" };
}

/** web-streams-polyfill keeps the spec's [[disturbed]] slot as `_disturbed`. */
function isDisturbed(s: ReadableStream<unknown>): boolean {
  return (s as unknown as { _disturbed?: boolean })._disturbed === true;
}

/** Streams made by hostStream, by the host stream id they read. */
const hostIds = new WeakMap<ReadableStream<Uint8Array>, number>();

/**
 * The host stream id behind `s` if it is a host stream nothing has read, locked or cancelled, or
 * -1. Taking it locks `s`, so the function can no longer read what the host now sends on itself.
 */
export function takeHostStream(s: ReadableStream<Uint8Array>): number {
  const id = hostIds.get(s);
  if (id === undefined || s.locked || isDisturbed(s)) return -1;
  s.getReader();
  return id;
}

/**
 * A ReadableStream over a host-side stream id; chunks cross one at a time, on demand. An abort
 * signal (fetch's) errors the stream and cancels the host side, even while a reader holds it.
 */
export function hostStream(id: number, signal?: AbortSignal | null): ReadableStream<Uint8Array> {
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        signal?.addEventListener(
          "abort",
          () => {
            c.error(signal.reason);
            host.cancel(id);
          },
          { once: true },
        );
      },
      async pull(c) {
        if (signal?.aborted) return;
        const chunk = await callAsync<Uint8Array | null | { error: string }>(host.read, id);
        if (chunk === null) c.close();
        else if (chunk instanceof Uint8Array) c.enqueue(chunk);
        else c.error(new TypeError(chunk.error));
      },
      cancel() {
        host.cancel(id);
      },
    },
    { highWaterMark: 0 },
  );
  hostIds.set(stream, id);
  return stream;
}

function toChunk(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return bytesOf(v);
  throw new TypeError("Body stream chunks must be Uint8Array");
}

export abstract class Body {
  _body: BodyState = { bytes: null, stream: null, contentType: null };
  _used = false;
  abstract readonly headers: Headers;

  get body(): ReadableStream<Uint8Array> | null {
    const b = this._body;
    if (b.stream) return b.stream;
    if (!b.bytes) return null;
    const bytes = b.bytes;
    b.stream = new ReadableStream<Uint8Array>({
      start(c) {
        if (bytes.length) c.enqueue(bytes);
        c.close();
      },
    });
    b.bytes = null;
    b.text = undefined;
    return b.stream;
  }
  get bodyUsed(): boolean {
    return this._used || (this._body.stream !== null && isDisturbed(this._body.stream));
  }

  /** Consumes the body once, reading a stream to the end. */
  async _consume(): Promise<Uint8Array> {
    if (this.bodyUsed) throw new TypeError("Body has already been used");
    const b = this._body;
    if (b.stream?.locked) throw new TypeError("Body stream is locked");
    this._used = true;
    if (b.bytes) return b.bytes;
    if (!b.stream) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    const reader = b.stream.getReader();
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(toChunk(r.value));
    }
    return concat(parts.length ? parts : [new Uint8Array(0)]);
  }
  /** Splits a streamed body in two for clone() (ReadableStream.tee); byte bodies are shared. */
  _cloneBody(): BodyState {
    if (this.bodyUsed) throw new TypeError("Body has already been used");
    const b = this._body;
    if (!b.stream) return { ...b };
    const [a, c] = b.stream.tee();
    b.stream = a;
    return { bytes: null, stream: c, contentType: b.contentType };
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = await this._consume();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    return (await this._consume()).slice();
  }
  async text(): Promise<string> {
    if (this._body.text !== undefined && !this.bodyUsed) {
      this._used = true;
      const s = this._body.text;
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    }
    return utf8Decode(await this._consume());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async blob(): Promise<Blob> {
    const bytes = await this._consume();
    const b = new Blob([], { type: this.headers.get("content-type") ?? "" });
    b._bytes = bytes;
    return b;
  }
  async formData(): Promise<FormData> {
    return parseFormData(await this._consume(), this.headers.get("content-type"));
  }
}
