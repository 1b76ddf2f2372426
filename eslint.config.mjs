import next from "eslint-config-next";

export default [
  ...next,
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/migrations/**", "runtime/types/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
];
