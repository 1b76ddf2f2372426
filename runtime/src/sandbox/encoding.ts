/**
 * TextEncoder/TextDecoder (Encoding standard) and atob/btoa. UTF-8, UTF-16LE/BE and windows-1252
 * (with all their labels, latin1/ascii included) are decoded here; other legacy encodings
 * (shift_jis, gbk, iso-8859-x, ...) go to the host's ICU decoder.
 */
import { DOMException } from "./events.ts";
import type { HostBridge } from "./host.ts";

let host: HostBridge | null = null;
export function installEncoding(h: HostBridge): void {
  host = h;
}

/** Below this size decoding in JS beats crossing to the host. */
const HOST_DECODE_BYTES = 2048;

const LABELS: Record<string, string> = {};
const label = (encoding: string, names: string): void => {
  for (const n of names.split(" ")) LABELS[n] = encoding;
};
label("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8");
label("utf-16be", "unicodefffe utf-16be");
label("utf-16le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le");
label("windows-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252");

const W1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

export class TextEncoder {
  get encoding(): string {
    return "utf-8";
  }
  encode(input = ""): Uint8Array {
    return utf8Encode(String(input));
  }
  encodeInto(input: string, dest: Uint8Array): { read: number; written: number } {
    const s = String(input);
    let read = 0;
    let written = 0;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      const bytes = utf8Encode(s.slice(i, i + units));
      if (written + bytes.length > dest.length) break;
      dest.set(bytes, written);
      written += bytes.length;
      read += units;
      i += units;
    }
    return { read, written };
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

/** Collects UTF-16 code units and flushes them through String.fromCharCode in blocks. */
class Units {
  parts: string[] = [];
  buf = new Uint16Array(8192);
  n = 0;
  push(cp: number): void {
    if (this.n > 8188) this.flush();
    if (cp >= 0x10000) {
      cp -= 0x10000;
      this.buf[this.n++] = 0xd800 + (cp >> 10);
      this.buf[this.n++] = 0xdc00 + (cp & 0x3ff);
    } else this.buf[this.n++] = cp;
  }
  flush(): void {
    this.parts.push(String.fromCharCode.apply(null, this.buf.subarray(0, this.n) as unknown as number[]));
    this.n = 0;
  }
  done(): string {
    this.flush();
    return this.parts.join("");
  }
}

/** State of the Encoding standard's UTF-8 decoder, kept between streamed chunks. */
interface Utf8State {
  cp: number;
  seen: number;
  needed: number;
  lower: number;
  upper: number;
}

function utf8Run(b: Uint8Array, s: Utf8State, flush: boolean, fatal: boolean): string {
  const out = new Units();
  const fail = (): void => {
    if (fatal) throw new TypeError("The encoded data was not valid utf-8");
    out.push(0xfffd);
  };
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    if (s.needed === 0) {
      if (byte < 0x80) out.push(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) [s.needed, s.cp] = [1, byte & 0x1f];
      else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) s.lower = 0xa0;
        if (byte === 0xed) s.upper = 0x9f;
        [s.needed, s.cp] = [2, byte & 0xf];
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) s.lower = 0x90;
        if (byte === 0xf4) s.upper = 0x8f;
        [s.needed, s.cp] = [3, byte & 0x7];
      } else fail();
      continue;
    }
    if (byte < s.lower || byte > s.upper) {
      Object.assign(s, { cp: 0, seen: 0, needed: 0, lower: 0x80, upper: 0xbf });
      fail();
      i--;
      continue;
    }
    s.lower = 0x80;
    s.upper = 0xbf;
    s.cp = (s.cp << 6) | (byte & 0x3f);
    if (++s.seen === s.needed) {
      out.push(s.cp);
      Object.assign(s, { cp: 0, seen: 0, needed: 0 });
    }
  }
  if (flush && s.needed) {
    Object.assign(s, { cp: 0, seen: 0, needed: 0, lower: 0x80, upper: 0xbf });
    fail();
  }
  return out.done();
}

const freshUtf8 = (): Utf8State => ({ cp: 0, seen: 0, needed: 0, lower: 0x80, upper: 0xbf });

/** The Encoding standard's "UTF-8 decode" (a leading BOM is dropped); large non-fatal inputs are decoded by the host. */
export function utf8Decode(b: Uint8Array, fatal = false): string {
  const s = host && !fatal && b.length >= HOST_DECODE_BYTES ? host.decode(b) : utf8Run(b, freshUtf8(), true, fatal);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function toBytes(input: unknown): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'");
}

export class TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  #utf8 = freshUtf8();
  #pending: number[] = [];
  #bomSeen = false;

  constructor(labelIn = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const key = String(labelIn).trim().toLowerCase();
    let encoding: string | undefined = LABELS[key];
    if (!encoding && host && key !== "replacement") encoding = host.legacyDecode(key, null, false) ?? undefined;
    if (!encoding) throw new RangeError(`The "${String(labelIn)}" encoding is not supported`);
    this.encoding = encoding;
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
  }

  decode(input?: ArrayBuffer | ArrayBufferView, options: { stream?: boolean } = {}): string {
    let bytes = toBytes(input);
    const stream = Boolean(options.stream);
    let out: string;
    if (this.encoding === "utf-8") {
      if (!stream && !this.#bomSeen && this.#utf8.needed === 0 && !this.fatal && bytes.length >= HOST_DECODE_BYTES && host) out = host.decode(bytes);
      else out = utf8Run(bytes, this.#utf8, !stream, this.fatal);
    } else if (this.encoding === "windows-1252") {
      const u = new Units();
      for (const b of bytes) u.push(b >= 0x80 && b < 0xa0 ? W1252[b - 0x80]! : b);
      out = u.done();
    } else if (this.encoding === "utf-16le" || this.encoding === "utf-16be") {
      if (this.#pending.length) bytes = Uint8Array.from([...this.#pending, ...bytes]);
      const even = bytes.length & ~1;
      this.#pending = Array.from(bytes.subarray(even));
      const view = new DataView(bytes.buffer, bytes.byteOffset, even);
      let s = "";
      for (let i = 0; i < even; i += 2) s += String.fromCharCode(view.getUint16(i, this.encoding === "utf-16le"));
      if (!stream && this.#pending.length) {
        this.#pending = [];
        if (this.fatal) throw new TypeError("The encoded data was not valid utf-16");
        s += "\ufffd";
      }
      out = this.fatal ? checkSurrogates(s) : (s as unknown as WellFormed).toWellFormed();
    } else {
      const r = host!.legacyDecode(this.encoding, bytes.slice(), this.fatal);
      if (r === null) throw new TypeError(`The encoded data was not valid ${this.encoding}`);
      out = r;
    }
    if (!this.#bomSeen && out.length) {
      this.#bomSeen = true;
      if (!this.ignoreBOM && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    if (!stream) this.#bomSeen = false;
    return out;
  }
}

/** ES2024 string methods (V8 has them; the repo's TypeScript lib is ES2023). */
interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function checkSurrogates(s: string): string {
  if (!(s as unknown as WellFormed).isWellFormed()) throw new TypeError("The encoded data was not valid utf-16");
  return s;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function btoa(data: unknown): string {
  if (arguments.length === 0) throw new TypeError("1 argument required, but only 0 present.");
  const s = String(data);
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    if (a > 255 || b > 255 || c > 255) throw new DOMException("Invalid character", "InvalidCharacterError");
    const n = (a << 16) | (b << 8) | c;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < s.length ? B64[(n >> 6) & 63]! : "=") + (i + 2 < s.length ? B64[n & 63]! : "=");
  }
  return out;
}

export function atob(data: unknown): string {
  if (arguments.length === 0) throw new TypeError("1 argument required, but only 0 present.");
  let s = String(data).replace(/[\t\n\f\r ]/g, "");
  if (s.length % 4 === 0) s = s.replace(/==?$/, "");
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
  let out = "";
  let bits = 0;
  let acc = 0;
  for (const ch of s) {
    acc = ((acc << 6) | B64.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 255);
    }
  }
  return out;
}
