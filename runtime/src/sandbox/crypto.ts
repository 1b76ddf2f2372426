/**
 * Web Crypto. getRandomValues/randomUUID use host entropy; crypto.subtle runs on the host's WebCrypto
 * (Node). Keys stay on the host: the isolate's CryptoKey holds only a numeric handle plus its
 * public description (type, extractable, algorithm, usages). A FinalizationRegistry releases the
 * host key when the isolate's CryptoKey is collected.
 */
import { DOMException } from "./events.ts";
import { callAsync, type HostBridge } from "./host.ts";

let host: HostBridge;
let registry: FinalizationRegistry<number> | null = null;
export function installCrypto(h: HostBridge): void {
  host = h;
  registry = new FinalizationRegistry((handle) => host.releaseKey(handle));
}

/** Host key handles, out of the tenant's reach (no property, no symbol on the CryptoKey). */
const handles = new WeakMap<object, number>();
let constructing = false;

interface KeyDescription {
  handle: number;
  type: string;
  extractable: boolean;
  algorithm: Record<string, unknown>;
  usages: string[];
}

export class CryptoKey {
  readonly type!: string;
  readonly extractable!: boolean;
  readonly algorithm!: Record<string, unknown>;
  readonly usages!: string[];
  constructor() {
    if (!constructing) throw new TypeError("Illegal constructor");
  }
  get [Symbol.toStringTag](): string {
    return "CryptoKey";
  }
}

function makeKey(d: KeyDescription): CryptoKey {
  constructing = true;
  let k: CryptoKey;
  try {
    k = new CryptoKey();
  } finally {
    constructing = false;
  }
  Object.defineProperties(k, {
    type: { value: d.type, enumerable: true },
    extractable: { value: d.extractable, enumerable: true },
    algorithm: { value: Object.freeze(d.algorithm), enumerable: true },
    usages: { value: Object.freeze([...d.usages]), enumerable: true },
  });
  handles.set(k, d.handle);
  registry?.register(k, d.handle);
  return k;
}

/** Copies BufferSources and replaces CryptoKeys by handles so that everything crosses as plain data. */
function toHost(v: unknown, depth = 0): unknown {
  if (depth > 4) return undefined;
  if (v instanceof CryptoKey) return { __key: handles.get(v) ?? -1 };
  if (v instanceof ArrayBuffer) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  if (Array.isArray(v)) return v.map((x) => toHost(x, depth + 1));
  if (v !== null && typeof v === "object") {
    // "__key" marks a real CryptoKey for the host; a tenant object cannot forge one.
    return Object.fromEntries(Object.keys(v).filter((k) => k !== "__key").map((k) => [k, toHost((v as Record<string, unknown>)[k], depth + 1)]));
  }
  return v;
}

function fromHost(v: unknown): unknown {
  if (v !== null && typeof v === "object" && "__key" in v) return makeKey((v as { __key: KeyDescription }).__key);
  if (v instanceof Uint8Array) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  if (v !== null && typeof v === "object" && "publicKey" in v && "privateKey" in v) {
    const pair = v as { publicKey: unknown; privateKey: unknown };
    return { publicKey: fromHost(pair.publicKey), privateKey: fromHost(pair.privateKey) };
  }
  return v;
}

type HostResult = { ok: unknown } | { error: { name: string; message: string } };

async function call(op: string, ...args: unknown[]): Promise<unknown> {
  const r = await callAsync<HostResult>(host.subtle, op, toHost(args));
  if ("error" in r) {
    const { name, message } = r.error;
    if (name === "TypeError") throw new TypeError(message);
    if (name === "Error" || name === "RangeError") throw new DOMException(message, "OperationError");
    throw new DOMException(message, name);
  }
  return fromHost(r.ok);
}

function needKey(k: unknown, what: string): void {
  if (!(k instanceof CryptoKey)) throw new TypeError(`${what} is not of type 'CryptoKey'`);
}

export class SubtleCrypto {
  constructor() {
    if (!constructing) throw new TypeError("Illegal constructor");
  }
  digest(algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
    return call("digest", algorithm, data) as Promise<ArrayBuffer>;
  }
  async encrypt(algorithm: unknown, key: CryptoKey, data: unknown): Promise<ArrayBuffer> {
    needKey(key, "key");
    return call("encrypt", algorithm, key, data) as Promise<ArrayBuffer>;
  }
  async decrypt(algorithm: unknown, key: CryptoKey, data: unknown): Promise<ArrayBuffer> {
    needKey(key, "key");
    return call("decrypt", algorithm, key, data) as Promise<ArrayBuffer>;
  }
  async sign(algorithm: unknown, key: CryptoKey, data: unknown): Promise<ArrayBuffer> {
    needKey(key, "key");
    return call("sign", algorithm, key, data) as Promise<ArrayBuffer>;
  }
  async verify(algorithm: unknown, key: CryptoKey, signature: unknown, data: unknown): Promise<boolean> {
    needKey(key, "key");
    return call("verify", algorithm, key, signature, data) as Promise<boolean>;
  }
  generateKey(algorithm: unknown, extractable: boolean, usages: string[]): Promise<CryptoKey | { publicKey: CryptoKey; privateKey: CryptoKey }> {
    return call("generateKey", algorithm, Boolean(extractable), [...usages]) as Promise<CryptoKey>;
  }
  importKey(format: string, keyData: unknown, algorithm: unknown, extractable: boolean, usages: string[]): Promise<CryptoKey> {
    return call("importKey", format, keyData, algorithm, Boolean(extractable), [...usages]) as Promise<CryptoKey>;
  }
  async exportKey(format: string, key: CryptoKey): Promise<ArrayBuffer | JsonWebKey> {
    needKey(key, "key");
    return call("exportKey", format, key) as Promise<ArrayBuffer>;
  }
  async deriveBits(algorithm: unknown, baseKey: CryptoKey, length?: number | null): Promise<ArrayBuffer> {
    needKey(baseKey, "baseKey");
    return call("deriveBits", algorithm, baseKey, length ?? null) as Promise<ArrayBuffer>;
  }
  async deriveKey(algorithm: unknown, baseKey: CryptoKey, derivedKeyType: unknown, extractable: boolean, usages: string[]): Promise<CryptoKey> {
    needKey(baseKey, "baseKey");
    return call("deriveKey", algorithm, baseKey, derivedKeyType, Boolean(extractable), [...usages]) as Promise<CryptoKey>;
  }
  async wrapKey(format: string, key: CryptoKey, wrappingKey: CryptoKey, wrapAlgorithm: unknown): Promise<ArrayBuffer> {
    needKey(key, "key");
    needKey(wrappingKey, "wrappingKey");
    return call("wrapKey", format, key, wrappingKey, wrapAlgorithm) as Promise<ArrayBuffer>;
  }
  async unwrapKey(format: string, wrapped: unknown, unwrappingKey: CryptoKey, unwrapAlgorithm: unknown, unwrappedKeyAlgorithm: unknown, extractable: boolean, usages: string[]): Promise<CryptoKey> {
    needKey(unwrappingKey, "unwrappingKey");
    return call("unwrapKey", format, wrapped, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, Boolean(extractable), [...usages]) as Promise<CryptoKey>;
  }
  get [Symbol.toStringTag](): string {
    return "SubtleCrypto";
  }
}

export class Crypto {
  readonly subtle: SubtleCrypto;
  constructor() {
    if (!constructing) throw new TypeError("Illegal constructor");
    this.subtle = new SubtleCrypto();
  }
  getRandomValues<T extends ArrayBufferView | null>(array: T): T {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw new DOMException("The data argument must be an integer-type TypedArray", "TypeMismatchError");
    }
    if (array.byteLength > 65536) throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, "QuotaExceededError");
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(host.random(array.byteLength));
    return array;
  }
  randomUUID(): string {
    const b = host.random(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    let hex = "";
    for (const x of b) hex += (x < 16 ? "0" : "") + x.toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  get [Symbol.toStringTag](): string {
    return "Crypto";
  }
}

/** The one `crypto` object of the global scope. */
export function makeCrypto(): Crypto {
  constructing = true;
  try {
    return new Crypto();
  } finally {
    constructing = false;
  }
}
