import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { bin, distDir, QUIET_ENV, run, serverBundle } from "./process";

// What a production build is made from; when none of it changed since the last build, the build is current.
const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma", "next.config.js", "instrumentation.ts", "proxy.ts", "tsconfig.json", "package-lock.json"];
const IGNORED = new Set(["generated", "cli", "node_modules"]);
const stampFile = () => path.join(distDir(), "linkpress-build-stamp");

function collectFiles(entry: string, files: string[]) {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!IGNORED.has(name)) collectFiles(path.join(entry, name), files);
  } else files.push(entry);
}

function sourceFingerprint(): string {
  const files: string[] = [];
  for (const input of BUILD_INPUTS) collectFiles(input, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function isBuildCurrent(fingerprint = sourceFingerprint()): boolean {
  return (
    existsSync(path.join(distDir(), "BUILD_ID")) && existsSync(serverBundle()) && existsSync(stampFile()) && readFileSync(stampFile(), "utf8") === fingerprint
  );
}

/**
 * How the production server (lib/server) is bundled into one plain JavaScript file; packages stay in node_modules.
 * It runs outside Next's bundles, so it must import nothing that opens the database (tests/unit/cli/server-bundle.test.ts).
 */
export const SERVER_BUNDLE_OPTIONS = {
  entryPoints: ["lib/server/main.ts"],
  bundle: true,
  platform: "node",
  format: "cjs",
  packages: "external",
  logLevel: "warning",
} satisfies BuildOptions;

async function bundleServer(): Promise<number> {
  try {
    await build({ ...SERVER_BUNDLE_OPTIONS, outfile: serverBundle() });
    return 0;
  } catch {
    return 1;
  }
}

/**
 * Runs `next build` and bundles the server, unless the existing build was made from the same sources. `quiet` prints
 * the build's output only when it fails (a build made while other output runs).
 */
export async function buildIfNeeded({ quiet = false }: { quiet?: boolean } = {}): Promise<number> {
  const fingerprint = sourceFingerprint();
  if (isBuildCurrent(fingerprint)) {
    console.log("✓ The production build is current.");
    return 0;
  }
  console.log("Building the production app (about a minute)…");
  const code = (await run(bin("next"), ["build"], { env: { ...QUIET_ENV }, quiet })) || (await bundleServer());
  if (code === 0) writeFileSync(stampFile(), fingerprint);
  return code;
}
