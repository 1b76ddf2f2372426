import { z } from "zod";
import { env } from "@/lib/env";
import { readOrCreateSecret } from "@/lib/generated-secrets";

const Key = z
  .string()
  .transform((s) => Buffer.from(s, "base64"))
  .refine((b) => b.length === 32, "SECRETS_KEY must be 32 bytes, base64-encoded");

let cached: Buffer | undefined;

/** The console's at-rest key for secrets: SECRETS_KEY, else one generated into DATA_DIR once. */
export function secretsKey(): Buffer {
  if (cached) return cached;
  const raw = readOrCreateSecret("secrets-key", env().SECRETS_KEY);
  const parsed = Key.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid SECRETS_KEY");
  cached = parsed.data;
  return cached;
}
