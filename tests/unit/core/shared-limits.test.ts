// A limit must hold whichever app instance a request reaches, so every limiter is made by sharedLimiter
// (lib/rate-limit/shared.ts: counters in the database). This catches an in-memory limiter (RateLimiterMemory) or a
// store of its own coming back in app/ or lib/; only the result type may be imported elsewhere.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "../../..");
const SHARED = "lib/rate-limit/shared.ts";
const IMPORTS = /import\s+(type\s+)?([^;]*?)\s+from\s+["']rate-limiter-flexible["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return relative === "lib/generated" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

/** What a file takes from rate-limiter-flexible, beyond the RateLimiterRes type every caller may read. */
function limiterImports(text: string): string[] {
  return [...text.matchAll(IMPORTS)].flatMap(([, , clause]) => {
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (!named) return [clause.trim()];
    return named[1]
      .split(",")
      .map((name) => name.trim().replace(/^type\s+/, ""))
      .filter((name) => name && name !== "RateLimiterRes");
  });
}

it("makes every request limiter with sharedLimiter, on the database", () => {
  const files = ["app", "lib"].flatMap(sourceFiles);
  const offenders = files
    .filter((file) => file !== SHARED)
    .map((file) => ({ file, imports: limiterImports(readFileSync(path.join(root, file), "utf8")) }))
    .filter(({ imports }) => imports.length > 0);
  expect(offenders).toEqual([]);
  expect(limiterImports(readFileSync(path.join(root, SHARED), "utf8"))).toEqual(["RateLimiterPrisma"]);
  const users = files.filter((file) => /\bsharedLimiter\(/.test(readFileSync(path.join(root, file), "utf8")) && file !== SHARED);
  expect(users.sort()).toEqual(["lib/api/route.ts", "lib/auth/lockout.ts", "lib/capture/mutations.ts", "lib/capture/prefill.ts"]);
});

it("sees an in-memory limiter when there is one", () => {
  expect(limiterImports('import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";')).toEqual(["RateLimiterMemory"]);
  expect(limiterImports('import * as limits from "rate-limiter-flexible";')).toEqual(["* as limits"]);
  expect(limiterImports('import { type RateLimiterRes } from "rate-limiter-flexible";')).toEqual([]);
});
