import { openWithKey, sealWithKey } from "@/runtime/src/protocol/secrets";
import { secretsKey } from "./secrets-key";

// The associated data binds a ciphertext to its row, so a sealed value copied into another
// function's or another name's row does not decrypt there.
const aadFor = (functionId: string, name: string) => `function-variable:${functionId}:${name}`;

/** Encrypts a variable's secret value for storage (AES-256-GCM under SECRETS_KEY). */
export function sealVariable(functionId: string, name: string, plaintext: string): string {
  return sealWithKey(secretsKey(), plaintext, aadFor(functionId, name));
}

/** Decrypts a stored secret; only ever used to re-seal it for the runtime. */
export function openVariable(functionId: string, name: string, sealed: string): string {
  return openWithKey(secretsKey(), sealed, aadFor(functionId, name));
}
