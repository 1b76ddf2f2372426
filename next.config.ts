import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and WASM packages stay outside the bundle: PGlite loads its own WASM files, pg and
  // isolated-vm are Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "isolated-vm", "esbuild"],
  devIndicators: false,
  poweredByHeader: false,
};

export default config;
