import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // CommonJS on purpose: next.config.js requires these on Node 20, which cannot load TypeScript.
    files: ["next.config.js", "lib/env.js", "lib/database-url.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "lab/state/**", "data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench-results/**"]),
]);
