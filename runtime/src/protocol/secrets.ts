/**
 * Sealing of secrets between console and runtime: AES-256-GCM, serialised as
 * `base64url(iv).base64url(tag).base64url(ciphertext)`. The runtime key is derived from the shared
 * RUNTIME_TOKEN with HKDF-SHA256 (info "edgefn-runtime-secrets"), so no extra key has to be
 * distributed. Pure node:crypto and no imports of our own: the runtime runs this file on Node's
 * type stripping, the console imports it through its bundler.
 */
import crypto from "node:crypto";

export const RUNTIME_SECRETS_INFO = "edgefn-runtime-secrets";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The 32-byte AES key both sides derive from RUNTIME_TOKEN. */
export function deriveRuntimeKey(runtimeToken: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(runtimeToken, "utf8"), Buffer.alloc(0), RUNTIME_SECRETS_INFO, 32));
}

/** Encrypts `plaintext` under a 32-byte key; `aad` (if any) must be given again to open it. */
export function sealWithKey(key: Buffer, plaintext: string, aad?: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString("base64url")).join(".");
}

/** Decrypts a value made by sealWithKey; throws when the key, aad or value is wrong or tampered. */
export function openWithKey(key: Buffer, sealed: string, aad?: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 3) throw new Error("sealed secret: expected iv.tag.ciphertext");
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("sealed secret: bad iv or tag length");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
}

/** Console side: seals a secret's value for FunctionState.secrets. */
export function sealSecret(plaintext: string, runtimeToken: string): string {
  return sealWithKey(deriveRuntimeKey(runtimeToken), plaintext);
}

/** Runtime side: opens a value of FunctionState.secrets. Throws if it was not sealed for this token. */
export function unsealSecret(sealed: string, runtimeToken: string): string {
  return openWithKey(deriveRuntimeKey(runtimeToken), sealed);
}
