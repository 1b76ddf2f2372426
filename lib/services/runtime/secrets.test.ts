import { describe, expect, it } from "vitest";
import { openVariable, sealVariable } from "@/lib/crypto/at-rest";
import { runtimeToken } from "@/lib/services/runtime/runtime-auth";
import { deriveRuntimeKey, sealSecret, unsealSecret } from "@/runtime/src/protocol/secrets";

describe("secret sealing", () => {
  it("round-trips a secret sealed for the runtime, in iv.tag.ciphertext base64url form", () => {
    const token = runtimeToken();
    const sealed = sealSecret("s3cr3t-value ✓", token);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("s3cr3t");
    expect(unsealSecret(sealed, token)).toBe("s3cr3t-value ✓");
    // Fresh IV each time: equal secrets do not look equal on the wire.
    expect(sealSecret("s3cr3t-value ✓", token)).not.toBe(sealed);
    expect(deriveRuntimeKey(token)).toHaveLength(32);
  });

  it("refuses another token, a tampered value and a malformed one", () => {
    const sealed = sealSecret("x", "token-a-token-a-token-a");
    expect(() => unsealSecret(sealed, "token-b-token-b-token-b")).toThrow();
    const [iv, tag, ct] = sealed.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0]! ^= 1;
    expect(() => unsealSecret(`${iv}.${tag}.${flipped.toString("base64url")}`, "token-a-token-a-token-a")).toThrow();
    expect(() => unsealSecret("not-sealed", "token-a-token-a-token-a")).toThrow(/iv.tag.ciphertext/);
  });

  it("binds at-rest ciphertexts to their function and name", () => {
    const sealed = sealVariable("fn-1", "API_KEY", "hunter2");
    expect(sealed).not.toContain("hunter2");
    expect(openVariable("fn-1", "API_KEY", sealed)).toBe("hunter2");
    expect(() => openVariable("fn-2", "API_KEY", sealed)).toThrow();
    expect(() => openVariable("fn-1", "OTHER", sealed)).toThrow();
  });
});
