/**
 * Body handling shared by Request and Response. A body is either bytes already in the isolate or
 * a ReadableStream (tenant-made, or backed by a host stream that is pulled chunk by chunk).
 */
import { callAsync, type HostBridge } from "./host.ts";
import { ReadableStream } from "./streams.ts";
import { utf8Decode, utf8Encode } from "./encoding.ts";
import { URLSearchParams } from "./url.ts";

let host: HostBridge;
export function installBody(h: HostBridge): void {
  host = h;
}

export type BodyInit = string | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | URLSearchParams | null | undefined;

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
  if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), stream: null, contentType: null };
  if (ArrayBuffer.isView(init)) return { bytes: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), stream: null, contentType: null };
  if (init instanceof ReadableStream) return { bytes: null, stream: init, contentType: null };
  return { bytes: utf8Encode(String(init)), stream: null, contentType: "text/plain;charset=UTF-8" };
}

/** A ReadableStream over a host-side stream id; chunks cross one at a time, on demand. */
export function hostStream(id: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      const chunk = await callAsync<Uint8Array | null | { error: string }>(host.read, id);
      if (chunk === null) c.close();
      else if (chunk instanceof Uint8Array) c.enqueue(chunk);
      else c.error(new TypeError(chunk.error));
    },
    cancel() {
      host.cancel(id);
    },
  });
}

export class Body {
  _body: BodyState = { bytes: null, stream: null, contentType: null };
  _used = false;

  get body(): ReadableStream<Uint8Array> | null {
    const b = this._body;
    if (b.stream) return b.stream;
    if (!b.bytes) return null;
    const bytes = b.bytes;
    b.stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    });
    b.bytes = null;
    b.text = undefined;
    return b.stream;
  }
  get bodyUsed(): boolean {
    return this._used;
  }

  /** Consumes the body once, reading a stream to the end. */
  async _consume(): Promise<Uint8Array> {
    if (this._used) throw new TypeError("Body has already been used");
    this._used = true;
    const b = this._body;
    if (b.bytes) return b.bytes;
    if (!b.stream) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    let total = 0;
    const reader = b.stream.getReader();
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      const chunk = r.value instanceof Uint8Array ? r.value : utf8Encode(String(r.value));
      parts.push(chunk);
      total += chunk.length;
    }
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = await this._consume();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    return this._consume();
  }
  async text(): Promise<string> {
    return utf8Decode(await this._consume());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}
