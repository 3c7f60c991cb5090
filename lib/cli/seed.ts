// npm run db:seed: a few real link posts from the test corpus, imported through the importer, for local demos.
// Safe to run again: posts already there come out unchanged.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { exitWithError } from "../import/command-line";
import { changedContent } from "../import/schema";
import { migrateDatabase } from "./migrate";
import { SITE_KEY } from "../http/cache-policy";

// One or two per source, with the corpus's quirks: a -08:00 offset, microseconds, emoji, a three-tag post.
const SEED_FILES = [
  "0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md",
  "0007-kubernetes-v1-33-user-namespaces-enabled-by-default.md",
  "0023-whats-new-in-calico-v3-32.md",
  "0036-under-the-hood-amazon-eks-ultra-scale-clusters.md",
  "0044-now-available-remote-mcp-for-digitalocean-services.md",
  "0050-advanced-memory-tiering-enhancements-in-vmware-cloud-foundat.md",
  "0056-dragonfly-v2-4-0-is-released.md",
  "0128-kgateway-v2-1-is-released.md",
  "0133-take-a-fail-fast-approach-for-developing-rhel-upgrade-automa.md",
];

async function main() {
  loadEnvConfig(process.cwd());
  if ((await migrateDatabase()) !== 0) process.exit(1);
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { resolveCommandLineActor } = await import("../import/queries");
  const { importItems } = await import("../import/bulk-writer");
  const { itemFromFile } = await import("../import/read");
  const { countsLine } = await import("../import/report");

  const who = await resolveCommandLineActor();
  if ("error" in who) throw new Error(who.error);
  const dir = path.resolve("tests/fixtures/corpus");
  const items = SEED_FILES.map((name) => itemFromFile(name, readFileSync(path.join(dir, name))));
  const report = await importItems(who.actor, { total: items.length, items }, { onDuplicate: "skip", asDraft: false, dryRun: false }, { label: "db:seed" });
  if (changedContent(report)) {
    // Running servers cache public pages: this row makes every instance drop its copies.
    const { recordInvalidation } = await import("../cache/mutations");
    await recordInvalidation([SITE_KEY], "command line");
  }
  console.log(`✓ Seed posts: ${countsLine(report.counts, false)}.`);
  process.exit(report.counts.failed ? 1 : 0);
}

main().catch(exitWithError);
