import crypto from "node:crypto";
import { env } from "@/lib/env";
import { Unauthorized } from "@/lib/errors";
import { readOrCreateSecret } from "@/lib/generated-secrets";

/** A caller proven to hold RUNTIME_TOKEN: a runtime node. Only authenticateRuntime makes one. */
export type RuntimeCtx = { kind: "runtime"; requestId: string };

/** The shared console ↔ runtime token: RUNTIME_TOKEN, else one generated into DATA_DIR once. */
export function runtimeToken(): string {
  return readOrCreateSecret("runtime-token", env().RUNTIME_TOKEN);
}

const digest = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest();

/**
 * Checks `Authorization: Bearer <RUNTIME_TOKEN>`. Both sides are hashed first so that
 * timingSafeEqual compares equal lengths and the comparison leaks neither content nor length.
 */
export function authenticateRuntime(headers: Headers, requestId: string): RuntimeCtx {
  const m = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  if (!m || !crypto.timingSafeEqual(digest(m[1]!), digest(runtimeToken()))) {
    throw new Unauthorized("This endpoint needs the runtime token.");
  }
  return { kind: "runtime", requestId };
}

/**
 * The permission check of every runtime verb. The type already demands a RuntimeCtx; this also
 * refuses at run time anything that was cast into one.
 */
export function requireRuntime(ctx: RuntimeCtx): void {
  if (ctx?.kind !== "runtime") throw new Unauthorized("This endpoint needs the runtime token.");
}
