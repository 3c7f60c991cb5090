import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  {
    // This file lives in .config/; lint the project root.
    basePath: "..",
    extends: [nextVitals, nextTypescript],
  },
  {
    basePath: "..",
    rules: {
      // Only lib/<domain>/queries.ts and mutations.ts (and lib/db.ts) talk to the database.
      "no-restricted-imports": ["error", { paths: [{ name: "@/lib/db", message: "Import the database only in lib/<domain>/queries.ts or mutations.ts." }] }],
    },
  },
  {
    basePath: "..",
    files: ["**/lib/**/queries.ts", "**/lib/**/mutations.ts", "**/lib/db.ts", "**/tests/**"],
    rules: { "no-restricted-imports": "off" },
  },
  globalIgnores(["node_modules/**", ".next*/**", "lib/generated/**", "test-results/**", "tests/.output/**", "next-env.d.ts"], "Generated and installed files"),
]);
