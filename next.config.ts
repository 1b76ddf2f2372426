import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and WASM packages stay outside the bundle: PGlite loads its own WASM files, pg and
  // isolated-vm are Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "isolated-vm", "esbuild"],
  devIndicators: false,
  poweredByHeader: false,
  // `npm test` type-checks the whole repo (tsc --noEmit) before anything else; doing it again in
  // every build would add half a minute to `npm start` and tie it to test-only files.
  typescript: { ignoreBuildErrors: true },
};

export default config;
