import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

// The database: the one Prisma client (@/lib/db, or lib/db by a relative path), the generated clients and Prisma's
// packages. Its own rule name (the typescript-eslint twin of no-restricted-imports), so that other import rules can
// be added beside it without replacing it.
const prismaPatterns = [
  { group: ["@prisma/*", "**/generated/*", "**/generated/**"], message: "Only the database module (lib/db.ts) uses the Prisma clients and packages." },
];
const databaseImports = [
  "error",
  {
    patterns: [...prismaPatterns, { group: ["**/lib/db", "./db", "../db"], message: "Only the server-only modules of lib/<domain>/ reach the database." }],
  },
];

const fetchMessage = "Read other sites through fetchPage (lib/fetch), which refuses private addresses, other ports and schemes, and large or slow pages.";

export default defineConfig([
  {
    // This file lives in .config/; lint the project root.
    basePath: "..",
    extends: [nextVitals, nextTypescript],
  },
  {
    basePath: "..",
    files: ["**/*.{ts,tsx,mjs,js}"],
    rules: { "@typescript-eslint/no-restricted-imports": databaseImports },
  },
  {
    // The domains' server modules reach the database through @/lib/db (tests/unit/core/database-imports.test.ts
    // checks that each one that does also imports "server-only").
    basePath: "..",
    files: ["**/lib/*/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: prismaPatterns }] },
  },
  {
    // The database module itself, developer scripts and tests.
    basePath: "..",
    files: ["**/lib/db.ts", "**/lib/sqlite-adapter.ts", "**/.config/prisma.ts", "**/scripts/**", "**/tests/**"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // Files a browser bundle may import: a domain's schema (zod for the form and the server) and its React parts.
    basePath: "..",
    files: ["**/lib/**/schema.ts", "**/lib/**/*.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": databaseImports },
  },
  {
    // Dependencies point one way: no module may import, directly or through others, a module that imports it.
    basePath: "..",
    files: ["**/{app,components,lib,scripts}/**/*.{ts,tsx}", "**/proxy.ts"],
    // Not followed into the generated Prisma clients (45,000 lines that import nothing of ours): 5× faster.
    settings: { "import/ignore": ["node_modules", "lib/generated/"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
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
          zones: [
            { target: ["./components", "./lib"], from: "./app", message: "Pass the Server Action in as a prop from the page; keep shared types in lib/." },
          ],
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
  {
    // Only lib/fetch reads other sites (address, port, redirect, size and time checks against SSRF): no global fetch
    // on the server side. The import form posts to this site from the browser.
    basePath: "..",
    files: ["**/{app,components,lib}/**/*.{ts,tsx}", "**/proxy.ts"],
    ignores: ["**/lib/fetch/**", "**/components/import/upload-form.tsx"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: fetchMessage }],
      "no-restricted-properties": [
        "error",
        ...["globalThis", "window", "self", "global"].map((object) => ({ object, property: "fetch", message: fetchMessage })),
      ],
    },
  },
  {
    // Nor outgoing requests through node:http(s), http2 or undici. The HTTP server asks Next over a private Unix socket.
    basePath: "..",
    files: ["**/{app,components,lib}/**/*.{ts,tsx}", "**/proxy.ts"],
    ignores: ["**/lib/fetch/**", "**/lib/server/http-server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...["http", "https", "node:http", "node:https"].map((name) => ({
              name,
              importNames: ["default", "request", "get", "Agent", "globalAgent"],
              message: fetchMessage,
            })),
            ...["http2", "node:http2", "undici"].map((name) => ({ name, message: fetchMessage })),
          ],
        },
      ],
    },
  },
  globalIgnores(["node_modules/**", ".next*/**", "lib/generated/**", "test-results/**", "tests/.output/**", "next-env.d.ts"], "Generated and installed files"),
]);
