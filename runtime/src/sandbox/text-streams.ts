/** TextEncoderStream, TextDecoderStream, CompressionStream and DecompressionStream. */
import type * as Fflate from "fflate";
import { TextDecoder, toBytes, utf8Encode } from "./encoding.ts";
import { lib } from "./libs.ts";
import { TransformStream } from "./streams.ts";

/** Shared shape: a TransformStream exposed through readable/writable (Streams standard "GenericTransformStream"). */
class Generic<I, O> {
  #ts: TransformStream<I, O>;
  constructor(ts: TransformStream<I, O>) {
    this.#ts = ts;
  }
  get readable(): TransformStream<I, O>["readable"] {
    return this.#ts.readable;
  }
  get writable(): TransformStream<I, O>["writable"] {
    return this.#ts.writable;
  }
}

export class TextEncoderStream extends Generic<string, Uint8Array> {
  constructor() {
    let pending = "";
    super(
      new TransformStream<string, Uint8Array>({
        transform(chunk, c) {
          let s = pending + String(chunk);
          pending = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = s.slice(-1);
            s = s.slice(0, -1);
          }
          if (s) c.enqueue(utf8Encode(s));
        },
        flush(c) {
          if (pending) c.enqueue(utf8Encode(pending));
        },
      }),
    );
  }
  get encoding(): string {
    return "utf-8";
  }
}

export class TextDecoderStream extends Generic<ArrayBuffer | ArrayBufferView, string> {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const decoder = new TextDecoder(label, options);
    super(
      new TransformStream<ArrayBuffer | ArrayBufferView, string>({
        transform(chunk, c) {
          const s = decoder.decode(toBytes(chunk), { stream: true });
          if (s) c.enqueue(s);
        },
        flush(c) {
          const s = decoder.decode();
          if (s) c.enqueue(s);
        },
      }),
    );
    this.encoding = decoder.encoding;
    this.fatal = decoder.fatal;
    this.ignoreBOM = decoder.ignoreBOM;
  }
}

type Format = "gzip" | "deflate" | "deflate-raw";

/** fflate is loaded into the isolate on first use (libs.ts): only functions that compress pay. */
const zlib = (): typeof Fflate => lib<typeof Fflate>("fflate");
interface FflateStream {
  ondata: (data: Uint8Array, final: boolean) => void;
  push(chunk: Uint8Array, final?: boolean): void;
}

function checkFormat(format: unknown): Format {
  if (format !== "gzip" && format !== "deflate" && format !== "deflate-raw") throw new TypeError(`Unsupported compression format: '${String(format)}'`);
  return format;
}

/** Wraps an fflate streaming (de)compressor as a byte TransformStream. */
function zTransform(engine: FflateStream, what: string, gzipTrailer = false): TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array> {
  let out: Uint8Array[] = [];
  let ended = false;
  // fflate does not notice a gzip member cut inside its trailer: check ISIZE ourselves.
  let tail = new Uint8Array(0);
  let outLen = 0;
  engine.ondata = (data, final) => {
    outLen = (outLen + data.length) >>> 0;
    if (data.length) out.push(data);
    if (final) ended = true;
  };
  const drain = (c: TransformStreamDefaultControllerLike): void => {
    for (const d of out) c.enqueue(d);
    out = [];
  };
  // Corrupt input is a TypeError, as the Compression Streams standard says.
  const push = (bytes: Uint8Array, final: boolean): void => {
    try {
      engine.push(bytes, final);
    } catch (e) {
      throw new TypeError(`Failed to ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return new TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array>({
    transform(chunk, c) {
      const bytes = toBytes(chunk);
      if (ended && what === "decompress" && bytes.length) throw new TypeError("Junk found after end of compressed data.");
      if (gzipTrailer) {
        const joined = new Uint8Array(tail.length + bytes.length);
        joined.set(tail);
        joined.set(bytes, tail.length);
        tail = joined.slice(-8);
      }
      push(bytes.slice(), false);
      drain(c);
    },
    flush(c) {
      push(new Uint8Array(0), true);
      drain(c);
      const isize = tail.length === 8 ? (tail[4]! | (tail[5]! << 8) | (tail[6]! << 16) | (tail[7]! << 24)) >>> 0 : -1;
      if (what === "decompress" && (!ended || (gzipTrailer && isize !== outLen))) throw new TypeError("The compressed data ended unexpectedly.");
    },
  });
}
interface TransformStreamDefaultControllerLike {
  enqueue(chunk: Uint8Array): void;
}

export class CompressionStream extends Generic<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor(format: Format) {
    const f = checkFormat(format);
    const z = zlib();
    super(zTransform((f === "gzip" ? new z.Gzip() : f === "deflate" ? new z.Zlib() : new z.Deflate()) as unknown as FflateStream, "compress"));
  }
}

export class DecompressionStream extends Generic<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor(format: Format) {
    const f = checkFormat(format);
    const z = zlib();
    super(zTransform((f === "gzip" ? new z.Gunzip() : f === "deflate" ? new z.Unzlib() : new z.Inflate()) as unknown as FflateStream, "decompress", f === "gzip"));
  }
}

