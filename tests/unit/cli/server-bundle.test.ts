import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { SERVER_BUNDLE_OPTIONS } from "@/lib/cli/build";

// The HTTP server runs beside Next's bundles, not inside them: the database client, the public content cache and
// anything marked server-only live in Next's bundles and reach the server through globalThis (lib/reader,
// lib/observability). A second copy in the server bundle would open a second database client, and server-only
// throws outside Next.
describe("the production server's bundle", () => {
  it("takes in no database client and nothing server-only", async () => {
    const result = await build({ ...SERVER_BUNDLE_OPTIONS, write: false, metafile: true, outfile: "server-bundle-test.js", logLevel: "silent" });
    const inputs = Object.keys(result.metafile!.inputs);
    const imports = Object.values(result.metafile!.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    expect(inputs).toContain("lib/server/post-page.tsx");
    expect(inputs.filter((input) => input.startsWith("lib/generated/") || input === "lib/db.ts")).toEqual([]);
    expect(imports.filter((path) => path === "server-only" || path.startsWith("@prisma/"))).toEqual([]);
  }, 30_000);
});
