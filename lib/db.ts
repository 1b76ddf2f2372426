import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "@/drizzle/schema";
import { env } from "@/lib/env";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export { schema };

type Handle = { db: Db; close: () => Promise<void>; kind: "pglite" | "postgres" };

const MIGRATIONS = path.join(process.cwd(), "drizzle", "migrations");

// One handle per process: only one process may open a PGlite directory, and `next dev` reloads
// modules, so the handle lives on globalThis.
const g = globalThis as unknown as { __edgefnDb?: Promise<Handle> };

async function open(): Promise<Handle> {
  const e = env();
  if (e.DATABASE_URL) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: e.DATABASE_URL, max: 10 });
    // An idle connection killed by the server (restart, admin, idle timeout) must not crash the
    // process; the pool opens a new one on the next query.
    pool.on("error", (err) => console.warn(`database connection lost: ${err.message}`));
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Db, close: () => pool.end(), kind: "postgres" };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = path.join(e.dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, close: () => client.close(), kind: "pglite" };
}

/**
 * The database, opened and migrated on first use (never at module load: `next build` imports
 * route modules and must not touch the data directory).
 */
export async function getDb(): Promise<Db> {
  g.__edgefnDb ??= open().catch((err) => {
    g.__edgefnDb = undefined;
    throw err;
  });
  return (await g.__edgefnDb).db;
}

export async function dbKind(): Promise<Handle["kind"]> {
  await getDb();
  return (await g.__edgefnDb!).kind;
}

/** Closes the process's database handle (tests and graceful shutdown). */
export async function closeDb(): Promise<void> {
  const h = g.__edgefnDb;
  g.__edgefnDb = undefined;
  if (h) await (await h).close();
}
