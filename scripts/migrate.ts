// `npm run db:migrate`: applies drizzle/migrations to PostgreSQL (DATABASE_URL) or to the embedded
// database under DATA_DIR. The console also does this by itself at start.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const migrationsFolder = path.join(root, "drizzle", "migrations");

if (process.env.DATABASE_URL) {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  await migrate(drizzle(pool), { migrationsFolder });
  await pool.end();
} else {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = path.join(path.resolve(root, process.env.DATA_DIR ?? ".data"), "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  await migrate(drizzle(client), { migrationsFolder });
  await client.close();
}
console.log("Migrations applied.");
