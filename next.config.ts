import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and WASM packages stay outside the bundle: PGlite loads its own WASM files, pg and
  // isolated-vm are Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "isolated-vm", "esbuild"],
  // One tree may hold several builds at once (parallel test runs); `.next` unless told otherwise.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  devIndicators: false,
  // `next dev` refuses its dev assets to other origins; tests and people also open 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repo (tsc --noEmit) before anything else; doing it again in
  // every build would add half a minute to `npm start` and tie it to test-only files.
  typescript: { ignoreBuildErrors: true },
};

export default config;
