import path from "node:path";
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
  {
    basePath: "..",
    // Dependencies point down: app/ uses components/ and lib/, never the reverse (a form gets its action as a prop).
    files: ["**/components/**", "**/lib/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: path.resolve(import.meta.dirname, ".."),
          zones: [{ target: ["./components", "./lib"], from: "./app", message: "Pass the Server Action in as a prop from the page; keep shared types in lib/." }],
        },
      ],
    },
  },
  {
    basePath: "..",
    // Every Server Action is built by a wrapper that checks the session first, so none can skip it by accident.
    files: ["**/app/**/*actions.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          "ExportNamedDeclaration > FunctionDeclaration",
          "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > :matches(ArrowFunctionExpression, FunctionExpression)",
          "ExportDefaultDeclaration",
        ].map((selector) => ({
          selector,
          message:
            "Build a Server Action with userAction, publicAction (sign-in pages only) or userCall (called with plain arguments, like the preview) from lib/server/action.ts: `export const fooAction = userAction({ ... })`.",
        })),
      ],
    },
  },
  globalIgnores(["node_modules/**", ".next*/**", "lib/generated/**", "test-results/**", "tests/.output/**", "next-env.d.ts"], "Generated and installed files"),
]);
