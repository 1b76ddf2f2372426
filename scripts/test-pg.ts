// Runs the database-backed test suite again on PostgreSQL when TEST_DATABASE_URL is set (CI sets
// it; see .ci/run). Locally, without it, says so and passes: the PGlite run already happened.
import { spawnSync } from "node:child_process";

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  console.log("test:pg skipped: TEST_DATABASE_URL is not set (CI sets it; see README).");
  process.exit(0);
}
const r = spawnSync("npx", ["vitest", "run", "app", "lib"], { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(r.status ?? 1);
