/** Runtime configuration, read once from the environment and validated (STYLE: config read once). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false", ""]).optional().transform((v) => v === "1" || v === "true");
const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

const Schema = z.object({
  RUNTIME_PORT: int(8080),
  RUNTIME_HOST: z.string().default("0.0.0.0"),
  RUNTIME_INTERNAL_PORT: int(8081),
  RUNTIME_BASE_DOMAIN: z.string().default("edge.localhost"),
  DATA_DIR: z.string().default(".data"),
  CONSOLE_URL: z.string().url().default("http://127.0.0.1:3000"),
  RUNTIME_TOKEN: z.string().optional(),
  RUNTIME_WORKERS: z.coerce.number().int().nonnegative().optional(),
  RUNTIME_NODE_ID: z.string().optional(),
  RUNTIME_STANDBY_WORKERS: int(1),
  RUNTIME_ALLOW_PRIVATE_EGRESS: flag,
  RUNTIME_MAX_ISOLATES_PER_VERSION: int(4),
  RUNTIME_IDLE_EVICT_MS: int(60_000),
  RUNTIME_HEAP_BUDGET_MB: int(1024),
  // Metrics and logs reach the console within ~1-2 s (the live tail); batches are per flush, not per request.
  RUNTIME_FLUSH_MS: int(1000),
  RUNTIME_HEARTBEAT_MS: int(5000),
  RUNTIME_STUCK_WORKER_MS: int(15_000),
  // Invocation records held in memory while the journal cannot be written, before refusing requests.
  RUNTIME_JOURNAL_HELD_KB: int(64 * 1024),
});

export interface RuntimeEnv {
  port: number;
  host: string;
  internalPort: number;
  baseDomain: string;
  dataDir: string;
  consoleUrl: string;
  /** Resolved lazily: the console writes the file on its first start, maybe after us. */
  token: () => string | null;
  workers: number;
  /** Pre-warmed workers that take over instantly when an active worker dies. */
  standbyWorkers: number;
  nodeId: string;
  allowPrivateEgress: boolean;
  maxIsolatesPerVersion: number;
  idleEvictMs: number;
  heapBudgetMb: number;
  flushMs: number;
  heartbeatMs: number;
  /** A worker silent this long (its event loop blocked) is killed and replaced by the primary. */
  stuckWorkerMs: number;
  /** Bytes of records a process holds while its journal cannot be written (metering/journal.ts). */
  journalHeldBytes: number;
}

/** Parses the environment (process.env by default) into the runtime's configuration. */
export function loadEnv(source: Record<string, string | undefined> = process.env): RuntimeEnv {
  const e = Schema.parse(source);
  const dataDir = path.resolve(e.DATA_DIR);
  const tokenFile = path.join(dataDir, "secrets", "runtime-token");
  return {
    port: e.RUNTIME_PORT,
    host: e.RUNTIME_HOST,
    internalPort: e.RUNTIME_INTERNAL_PORT,
    baseDomain: e.RUNTIME_BASE_DOMAIN,
    dataDir,
    consoleUrl: e.CONSOLE_URL.replace(/\/$/, ""),
    token: () => {
      if (e.RUNTIME_TOKEN) return e.RUNTIME_TOKEN;
      try {
        return fs.readFileSync(tokenFile, "utf8").trim() || null;
      } catch {
        return null;
      }
    },
    workers: e.RUNTIME_WORKERS ?? os.availableParallelism(),
    standbyWorkers: e.RUNTIME_STANDBY_WORKERS,
    nodeId: e.RUNTIME_NODE_ID ?? nodeIdFor(dataDir),
    allowPrivateEgress: e.RUNTIME_ALLOW_PRIVATE_EGRESS,
    maxIsolatesPerVersion: Math.max(1, e.RUNTIME_MAX_ISOLATES_PER_VERSION),
    idleEvictMs: e.RUNTIME_IDLE_EVICT_MS,
    heapBudgetMb: e.RUNTIME_HEAP_BUDGET_MB,
    flushMs: Math.max(100, e.RUNTIME_FLUSH_MS),
    heartbeatMs: Math.max(100, e.RUNTIME_HEARTBEAT_MS),
    stuckWorkerMs: Math.max(2000, e.RUNTIME_STUCK_WORKER_MS),
    journalHeldBytes: Math.max(1, e.RUNTIME_JOURNAL_HELD_KB) * 1024,
  };
}

/** A stable node id per data directory, generated once (so restarts keep their identity). */
function nodeIdFor(dataDir: string): string {
  const file = path.join(dataDir, "runtime", "node-id");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const id = `${os.hostname()}-${Math.random().toString(36).slice(2, 10)}`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, id);
    return id;
  }
}
