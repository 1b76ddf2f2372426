/** UTF-8 TextEncoder/TextDecoder and atob/btoa, hand-written to keep the prelude small. */
import type { HostBridge } from "./host.ts";

let host: HostBridge | null = null;
export function installEncoding(h: HostBridge): void {
  host = h;
}

/** Below this size decoding in JS beats crossing to the host. */
const HOST_DECODE_BYTES = 2048;

export class TextEncoder {
  get encoding(): string {
    return "utf-8";
  }
  encode(input = ""): Uint8Array {
    return utf8Encode(String(input));
  }
  encodeInto(input: string, dest: Uint8Array): { read: number; written: number } {
    const bytes = utf8Encode(input);
    const n = Math.min(bytes.length, dest.length);
    dest.set(bytes.subarray(0, n));
    return { read: input.length, written: n };
  }
}

export function utf8Encode(s: string): Uint8Array {
  // Worst case 3 bytes per UTF-16 unit; write in place instead of growing an array.
  const out = new Uint8Array(s.length * 3);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out.slice(0, o);
}

export class TextDecoder {
  #fatal: boolean;
  #pending: number[] = [];
  constructor(label = "utf-8", options: { fatal?: boolean } = {}) {
    if (!/^(utf-?8|unicode-1-1-utf-8)$/i.test(String(label).trim())) throw new RangeError(`The "${label}" encoding is not supported`);
    this.#fatal = Boolean(options.fatal);
  }
  get encoding(): string {
    return "utf-8";
  }
  decode(input?: ArrayBuffer | ArrayBufferView, options: { stream?: boolean } = {}): string {
    let bytes: Uint8Array;
    if (input === undefined) bytes = new Uint8Array(0);
    else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
    else bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (this.#pending.length) {
      const merged = new Uint8Array(this.#pending.length + bytes.length);
      merged.set(this.#pending);
      merged.set(bytes, this.#pending.length);
      bytes = merged;
      this.#pending = [];
    }
    let end = bytes.length;
    if (options.stream) end = completeLength(bytes);
    this.#pending = Array.from(bytes.subarray(end));
    return utf8Decode(bytes.subarray(0, end), this.#fatal);
  }
}

/** Length of the prefix that holds only complete UTF-8 sequences (for streaming decode). */
function completeLength(b: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? b.length - back : b.length;
    }
  }
  return b.length;
}

export function utf8Decode(b: Uint8Array, fatal = false): string {
  if (host && !fatal && b.length >= HOST_DECODE_BYTES) return host.decode(b);
  const parts: string[] = [];
  // UTF-16 code units, flushed through String.fromCharCode in blocks (much faster than +=).
  const units = new Uint16Array(8192);
  let u = 0;
  const flush = (): void => {
    parts.push(String.fromCharCode.apply(null, units.subarray(0, u) as unknown as number[]));
    u = 0;
  };
  for (let i = 0; i < b.length; ) {
    if (u > 8188) flush();
    const c = b[i]!;
    if (c < 0x80) {
      units[u++] = c;
      i++;
      continue;
    }
    let cp = 0xfffd;
    let len = 1;
    let valid = true;
    if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length && (b[i + 1]! & 0xc0) === 0x80) {
      cp = ((c & 31) << 6) | (b[i + 1]! & 63);
      len = 2;
    } else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80) {
      cp = ((c & 15) << 12) | ((b[i + 1]! & 63) << 6) | (b[i + 2]! & 63);
      len = 3;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) [cp, valid] = [0xfffd, false];
    } else if (c >= 0xf0 && c < 0xf5 && i + 3 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80 && (b[i + 3]! & 0xc0) === 0x80) {
      cp = ((c & 7) << 18) | ((b[i + 1]! & 63) << 12) | ((b[i + 2]! & 63) << 6) | (b[i + 3]! & 63);
      len = 4;
      if (cp < 0x10000 || cp > 0x10ffff) [cp, valid] = [0xfffd, false];
    } else valid = false;
    if (!valid && fatal) throw new TypeError("The encoded data was not valid utf-8");
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[u++] = 0xd800 + (cp >> 10);
      units[u++] = 0xdc00 + (cp & 0x3ff);
    } else units[u++] = cp;
    i += len;
  }
  flush();
  return parts.join("");
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function btoa(data: unknown): string {
  const s = String(data);
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    if (a > 255 || b > 255 || c > 255) throw new DOMExceptionLike("Invalid character", "InvalidCharacterError");
    const n = (a << 16) | (b << 8) | c;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < s.length ? B64[(n >> 6) & 63]! : "=") + (i + 2 < s.length ? B64[n & 63]! : "=");
  }
  return out;
}

export function atob(data: unknown): string {
  let s = String(data).replace(/[\t\n\f\r ]/g, "");
  if (s.length % 4 === 0) s = s.replace(/==?$/, "");
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw new DOMExceptionLike("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
  let out = "";
  let bits = 0;
  let acc = 0;
  for (const ch of s) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 255);
    }
  }
  return out;
}

/** A minimal DOMException: enough for name/message checks in tenant code. */
export class DOMExceptionLike extends Error {
  constructor(message = "", name = "Error") {
    super(message);
    this.name = name;
  }
}
