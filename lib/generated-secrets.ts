import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * A secret from the environment when set, else one generated into DATA_DIR on first start (mode
 * 0600) so that it survives restarts without anyone having to configure it.
 */
export function readOrCreateSecret(name: string, fromEnv: string | undefined, bytes = 32): string {
  if (fromEnv) return fromEnv;
  const file = path.join(env().dataDir, "secrets", name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const value = crypto.randomBytes(bytes).toString("base64url");
    try {
      fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      // Another process won the race: use what it wrote.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
