import path from "node:path";
import { z } from "zod";

const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Where the embedded database, the secrets key and the runtime's snapshot live. */
  DATA_DIR: z.string().default(".data"),
  /** PostgreSQL connection string; when unset the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Public origin of the console, used for auth callbacks and invitation links. */
  PUBLIC_URL: z.string().url().optional(),
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  RUNTIME_TOKEN: z.string().min(16).optional(),
  /** AES-256-GCM key for secrets at rest, base64 (32 bytes); generated into DATA_DIR when unset. */
  SECRETS_KEY: z.string().optional(),
  RUNTIME_BASE_DOMAIN: z.string().default("edge.localhost"),
  RUNTIME_PORT: z.coerce.number().int().positive().default(8080),
  RUNTIME_INTERNAL_PORT: z.coerce.number().int().positive().default(8081),
  /** The runtime's internal listener, where the test console runs drafts; default 127.0.0.1:RUNTIME_INTERNAL_PORT. */
  RUNTIME_INTERNAL_URL: z.string().url().optional(),
  /**
   * When set, the runtime-facing API (/api/internal/runtime/*) also listens on this port, on a
   * plain HTTP listener beside Next.js (see lib/http/internal-server.ts); `npm start` sets it and
   * points its runtime there.
   */
  CONSOLE_INTERNAL_PORT: z.coerce.number().int().nonnegative().optional(),
  /** Address of that listener; the default keeps it on this machine. */
  CONSOLE_INTERNAL_HOST: z.string().default("127.0.0.1"),
  /** Largest JSON body the REST API accepts, in bytes. */
  API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export type AppEnv = z.infer<typeof Env> & { dataDir: string; publicUrl: string; runtimeInternalUrl: string };

let cached: AppEnv | undefined;

/** Reads and validates the environment once; everything else receives the result. */
export function env(): AppEnv {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  cached = {
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    runtimeInternalUrl: (e.RUNTIME_INTERNAL_URL ?? `http://127.0.0.1:${e.RUNTIME_INTERNAL_PORT}`).replace(/\/$/, ""),
  };
  return cached;
}
