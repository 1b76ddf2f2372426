/**
 * Host side of crypto.subtle: Node's WebCrypto does the work; keys stay here in a per-isolate
 * table and the isolate only ever sees a numeric handle plus the key's public description. Every
 * argument arrives as copied plain data ({ __key: n } stands for a key) and every result leaves as
 * copied plain data, so no host object reaches tenant code.
 */
import { webcrypto } from "node:crypto";

type Key = webcrypto.CryptoKey;
type Result = { ok: unknown } | { error: { name: string; message: string } };

/** Live keys per isolate; generous, but bounded so a loop cannot grow host memory without end. */
const MAX_KEYS = 10_000;
/**
 * WebCrypto work runs on libuv's small thread pool (shared with DNS and files) and cannot be
 * interrupted, so one isolate may run only a few operations at once, and the unbounded knobs are
 * capped: PBKDF2 iterations as Cloudflare Workers cap them, RSA moduli at 4096 bits.
 */
const MAX_IN_FLIGHT = 2;
const MAX_PBKDF2_ITERATIONS = 100_000;
const MAX_RSA_BITS = 4096;
const OPS = new Set(["digest", "encrypt", "decrypt", "sign", "verify", "generateKey", "importKey", "exportKey", "deriveBits", "deriveKey", "wrapKey", "unwrapKey"]);

export class HostKeys {
  readonly #keys = new Map<number, Key>();
  #next = 1;
  #inFlight = 0;
  readonly #queue: (() => void)[] = [];

  #describe(key: Key): { __key: { handle: number; type: string; extractable: boolean; algorithm: unknown; usages: string[] } } {
    if (this.#keys.size >= MAX_KEYS) throw Object.assign(new Error(`Too many live CryptoKeys in this isolate (limit ${MAX_KEYS})`), { name: "QuotaExceededError" });
    const handle = this.#next++;
    this.#keys.set(handle, key);
    return { __key: { handle, type: key.type, extractable: key.extractable, algorithm: plain(key.algorithm), usages: [...key.usages] } };
  }

  /** Replaces { __key: n } markers by the host keys they stand for. */
  #resolve(v: unknown, depth = 0): unknown {
    if (depth > 4 || v === null || typeof v !== "object" || v instanceof Uint8Array) return v;
    if ("__key" in v) {
      const key = this.#keys.get(Number((v as { __key: unknown }).__key));
      if (!key) throw new TypeError("The CryptoKey is no longer valid");
      return key;
    }
    if (Array.isArray(v)) return v.map((x) => this.#resolve(x, depth + 1));
    // fromEntries defines own properties: a "__proto__" key from the tenant stays a plain key.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.#resolve(x, depth + 1)]));
  }

  #out(v: unknown): unknown {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (v instanceof globalThis.CryptoKey) return this.#describe(v as Key);
    if (v && typeof v === "object" && "privateKey" in v && "publicKey" in v) {
      const pair = v as webcrypto.CryptoKeyPair;
      return { publicKey: this.#describe(pair.publicKey), privateKey: this.#describe(pair.privateKey) };
    }
    return v;
  }

  /** Runs one SubtleCrypto method. Never rejects: errors come back as { error: { name, message } }. */
  async run(op: string, args: unknown): Promise<Result> {
    if (this.#inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => this.#queue.push(r));
    this.#inFlight++;
    try {
      if (!OPS.has(op) || !Array.isArray(args)) throw new TypeError(`Unknown operation ${op}`);
      checkCost(args[0]);
      const resolved = this.#resolve(args) as unknown[];
      const subtle = webcrypto.subtle as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      return { ok: this.#out(await subtle[op]!.apply(webcrypto.subtle, resolved)) };
    } catch (e) {
      const err = e as { name?: string; message?: string };
      return { error: { name: cleanName(err.name), message: String(err.message ?? e) } };
    } finally {
      this.#inFlight--;
      this.#queue.shift()?.();
    }
  }

  release(handle: number): void {
    this.#keys.delete(handle);
  }

  clear(): void {
    this.#keys.clear();
  }

  get size(): number {
    return this.#keys.size;
  }
}

/** Refuses algorithm parameters that would hold a thread-pool thread for seconds. */
function checkCost(algorithm: unknown): void {
  if (!algorithm || typeof algorithm !== "object") return;
  const a = algorithm as { name?: unknown; iterations?: unknown; modulusLength?: unknown };
  if (String(a.name).toUpperCase() === "PBKDF2" && Number(a.iterations) > MAX_PBKDF2_ITERATIONS) {
    throw Object.assign(new Error(`PBKDF2 iteration counts above ${MAX_PBKDF2_ITERATIONS} are not supported`), { name: "NotSupportedError" });
  }
  if (a.modulusLength !== undefined && Number(a.modulusLength) > MAX_RSA_BITS) {
    throw Object.assign(new Error(`RSA moduli above ${MAX_RSA_BITS} bits are not supported`), { name: "NotSupportedError" });
  }
}

/** Node reports some argument errors with its own names; map them to Web IDL's. */
function cleanName(name: string | undefined): string {
  if (!name) return "OperationError";
  if (name === "TypeError" || name.endsWith("Error")) return name === "Error" ? "OperationError" : name;
  return "OperationError";
}

/** A key's algorithm dictionary as plain copyable data (hash objects, publicExponent bytes). */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
