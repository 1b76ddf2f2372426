/** Blob and File (File API). Bytes live in the isolate; stream() hands them out in 64 KB chunks. */
import { utf8Decode, utf8Encode } from "./encoding.ts";
import { ReadableStream } from "./streams.ts";

export type BlobPart = string | ArrayBuffer | ArrayBufferView | Blob;
export interface BlobPropertyBag {
  type?: string;
  endings?: "transparent" | "native";
}

/** A copy of any BufferSource's bytes. */
export function bytesOf(src: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (src instanceof ArrayBuffer) return new Uint8Array(src.slice(0));
  return new Uint8Array(src.buffer.slice(src.byteOffset, src.byteOffset + src.byteLength));
}

export class Blob {
  _bytes: Uint8Array;
  #type: string;

  constructor(parts: Iterable<BlobPart> = [], options: BlobPropertyBag = {}) {
    if (parts === null || typeof parts !== "object" || typeof (parts as Iterable<BlobPart>)[Symbol.iterator] !== "function") {
      throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
    }
    const chunks: Uint8Array[] = [];
    for (const p of parts) {
      if (p instanceof Blob) chunks.push(p._bytes);
      else if (p instanceof ArrayBuffer || ArrayBuffer.isView(p)) chunks.push(bytesOf(p));
      else chunks.push(utf8Encode(options.endings === "native" ? String(p).replace(/\r?\n/g, "\n") : String(p)));
    }
    this._bytes = concat(chunks);
    const t = options.type === undefined ? "" : String(options.type);
    this.#type = /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : "";
  }
  get size(): number {
    return this._bytes.length;
  }
  get type(): string {
    return this.#type;
  }
  slice(start = 0, end = this.size, contentType = ""): Blob {
    const rel = (n: number): number => (n < 0 ? Math.max(this.size + n, 0) : Math.min(n, this.size));
    const b = new Blob([], { type: contentType });
    b._bytes = this._bytes.slice(rel(start), Math.max(rel(start), rel(end)));
    return b;
  }
  async text(): Promise<string> {
    return utf8Decode(this._bytes);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this._bytes.slice().buffer;
  }
  async bytes(): Promise<Uint8Array> {
    return this._bytes.slice();
  }
  stream(): ReadableStream<Uint8Array> {
    let offset = 0;
    const bytes = this._bytes;
    return new ReadableStream<Uint8Array>({
      type: "bytes",
      pull(c) {
        if (offset >= bytes.length) {
          c.close();
          return;
        }
        const next = Math.min(offset + 65536, bytes.length);
        c.enqueue(bytes.slice(offset, next));
        offset = next;
      },
    });
  }
  get [Symbol.toStringTag](): string {
    return "Blob";
  }
}

export class File extends Blob {
  readonly name: string;
  readonly lastModified: number;
  readonly webkitRelativePath = "";
  constructor(parts: Iterable<BlobPart>, name: string, options: BlobPropertyBag & { lastModified?: number } = {}) {
    if (arguments.length < 2) throw new TypeError("Failed to construct 'File': 2 arguments required");
    super(parts, options);
    this.name = String(name);
    this.lastModified = options.lastModified === undefined ? Date.now() : Number(options.lastModified);
  }
  get [Symbol.toStringTag](): string {
    return "File";
  }
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
