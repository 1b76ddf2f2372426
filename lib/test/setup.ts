import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own database: a fresh PGlite directory, or, when TEST_DATABASE_URL is
// set, a fresh database on that PostgreSQL server. Set before any module reads lib/env.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgefn-test-"));
process.env.DATA_DIR = dataDir;
(process.env as Record<string, string>).NODE_ENV = "test";

const base = process.env.TEST_DATABASE_URL;
if (base) {
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const pg = await import("pg");
  const admin = new pg.default.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const { closeDb } = await import("@/lib/db");
    const { stopChangeListener } = await import("@/lib/services/runtime/signals");
    await stopChangeListener();
    await closeDb();
    const c = new pg.default.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
} else {
  delete process.env.DATABASE_URL;
  afterAll(async () => {
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
}
