/** FormData plus multipart/form-data and urlencoded parsing and serialisation (HTML standard). */
import { Blob, concat, File } from "./blob.ts";
import { utf8Decode, utf8Encode } from "./encoding.ts";
import { URLSearchParams } from "./url.ts";

type Entry = [string, string | File];

function toEntryValue(value: string | Blob, filename?: string): string | File {
  if (!(value instanceof Blob)) return String(value);
  if (value instanceof File && filename === undefined) return value;
  const f = new File([], filename ?? (value instanceof File ? value.name : "blob"), { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
  f._bytes = value._bytes;
  return f;
}

export class FormData {
  #list: Entry[] = [];

  constructor(form?: unknown) {
    if (form !== undefined) throw new TypeError("FormData(form) is not supported outside a browser");
  }
  append(name: string, value: string | Blob, filename?: string): void {
    this.#list.push([String(name), toEntryValue(value, filename)]);
  }
  set(name: string, value: string | Blob, filename?: string): void {
    const n = String(name);
    const entry: Entry = [n, toEntryValue(value, filename)];
    const i = this.#list.findIndex(([k]) => k === n);
    if (i < 0) this.#list.push(entry);
    else this.#list = [...this.#list.slice(0, i), entry, ...this.#list.slice(i + 1).filter(([k]) => k !== n)];
  }
  get(name: string): string | File | null {
    return this.#list.find(([k]) => k === String(name))?.[1] ?? null;
  }
  getAll(name: string): (string | File)[] {
    return this.#list.filter(([k]) => k === String(name)).map(([, v]) => v);
  }
  has(name: string): boolean {
    return this.#list.some(([k]) => k === String(name));
  }
  delete(name: string): void {
    this.#list = this.#list.filter(([k]) => k !== String(name));
  }
  forEach(cb: (value: string | File, key: string, parent: FormData) => void): void {
    for (const [k, v] of this.#list) cb(v, k, this);
  }
  *entries(): IterableIterator<Entry> {
    for (const [k, v] of this.#list) yield [k, v];
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.#list) yield k;
  }
  *values(): IterableIterator<string | File> {
    for (const [, v] of this.#list) yield v;
  }
  [Symbol.iterator](): IterableIterator<Entry> {
    return this.entries();
  }
  get [Symbol.toStringTag](): string {
    return "FormData";
  }
}

const escapeName = (s: string): string => s.replace(/\r\n?|\n/g, "\r\n").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");

/** Serialises form data as multipart/form-data; returns the body and its content type. */
export function serializeMultipart(form: FormData): { bytes: Uint8Array; contentType: string } {
  const boundary = `----EdgeFormBoundary${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const parts: Uint8Array[] = [];
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (typeof value === "string") {
      parts.push(utf8Encode(`${head}\r\n\r\n${value.replace(/\r\n?|\n/g, "\r\n")}\r\n`));
    } else {
      head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
      parts.push(utf8Encode(head), value._bytes, utf8Encode("\r\n"));
    }
  }
  parts.push(utf8Encode(`--${boundary}--\r\n`));
  return { bytes: concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function param(header: string, key: string): string | null {
  const m = new RegExp(`;\\s*${key}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i").exec(header);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!.trim();
}

/** Parses a body by its content type (multipart/form-data or application/x-www-form-urlencoded). */
export function parseFormData(bytes: Uint8Array, contentType: string | null): FormData {
  const form = new FormData();
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    for (const [k, v] of new URLSearchParams(utf8Decode(bytes))) form.append(k, v);
    return form;
  }
  if (type !== "multipart/form-data") throw new TypeError(`Could not parse content as FormData: unsupported content type "${contentType ?? ""}"`);
  const boundary = param(contentType!, "boundary");
  if (!boundary) throw new TypeError("Could not parse content as FormData: multipart body without a boundary");
  const delim = utf8Encode(`--${boundary}`);
  let pos = indexOf(bytes, delim, 0);
  if (pos < 0) throw new TypeError("Could not parse content as FormData: boundary not found");
  for (;;) {
    pos += delim.length;
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return form;
    pos = indexOf(bytes, utf8Encode("\r\n"), pos) + 2;
    const headEnd = indexOf(bytes, utf8Encode("\r\n\r\n"), pos);
    const next = indexOf(bytes, utf8Encode(`\r\n--${boundary}`), pos);
    if (headEnd < 0 || next < 0 || headEnd > next) throw new TypeError("Could not parse content as FormData: malformed part");
    const head = utf8Decode(bytes.subarray(pos, headEnd));
    const body = bytes.subarray(headEnd + 4, next);
    const headers = new Map<string, string>();
    for (const line of head.split("\r\n")) {
      const c = line.indexOf(":");
      if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
    }
    const disposition = `;${headers.get("content-disposition") ?? ""}`;
    const name = param(disposition, "name");
    if (name === null) throw new TypeError("Could not parse content as FormData: part without a name");
    const filename = param(disposition, "filename");
    if (filename === null) form.append(name, utf8Decode(body));
    else form.append(name, new File([body], filename, { type: headers.get("content-type") ?? "application/octet-stream" }));
    pos = next + 2;
  }
}
