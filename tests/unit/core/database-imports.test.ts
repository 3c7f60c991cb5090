// ESLint keeps the database out of app/, components/ and the files a browser may load; what it cannot see is whether
// a lib/<domain>/ module that reaches the database is server-only. This checks it, so a client bundle that imports
// such a module fails at build time instead of shipping database code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "../../..");
const DATABASE_IMPORT = /from\s+["'](?:@\/lib\/db|[./]+db|@prisma\/[^"']+|[^"']*\/generated\/[^"']*)["']/;
// The database module itself: lib/db.ts is server-only; the adapter and the URL helpers also serve the migration CLI.
const DATABASE_MODULE = new Set(["lib/db.ts", "lib/sqlite-adapter.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return relative === "lib/generated" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

it("finds the database imports it checks", () => {
  const importers = sourceFiles("lib").filter((file) => DATABASE_IMPORT.test(readFileSync(path.join(root, file), "utf8")));
  expect(importers).toContain("lib/db.ts");
  expect(importers).toContain("lib/users/queries.ts");
});

it("lets only server-only modules import the database", () => {
  const offenders = ["app", "components", "lib"]
    .flatMap(sourceFiles)
    .filter((file) => !DATABASE_MODULE.has(file))
    .filter((file) => {
      const text = readFileSync(path.join(root, file), "utf8");
      return DATABASE_IMPORT.test(text) && !/^import "server-only";$/m.test(text);
    });
  expect(offenders).toEqual([]);
});
