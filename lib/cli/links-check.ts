// npm run links:check: one link-health pass now, from the shell (the same pass the hourly job runs), with a progress
// line and a summary.
import { loadEnvConfig } from "@next/env";
import { describeDatabase, progressLine } from "../backup/describe";
import { SITE_KEY } from "../http/cache-policy";
import { commandLine, exitWithError } from "../import/command-line";

const USAGE = `Usage: npm run links:check [-- --all] [--host <host>]

  --all           check every published post's link now, not only those due (each is due once a day)
  --host <host>   only the links to this site, as its URLs name it (example.com, or 127.0.0.1:8080 with a port)

Each link is asked for with HEAD (GET when HEAD is refused) through the safe fetcher, at most 10 requests per site per
minute (the command waits for the next free slot); a site answering 429 or 503 with Retry-After is left until then.`;

const cli = commandLine(USAGE);

async function main() {
  loadEnvConfig(process.cwd());
  const { values } = cli.parse({ all: { type: "boolean", default: false }, host: { type: "string" } });
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { databaseUrl } = await import("../database-url");
  const { runLinkCheckPass } = await import("../links/mutations");
  const { recordInvalidation } = await import("../cache/mutations");
  console.log(
    `Checking ${values.all ? "every published link" : "the links due"}${values.host ? ` to ${values.host}` : ""} in ${describeDatabase(databaseUrl())}`,
  );
  const progress = progressLine();
  const summary = await runLinkCheckPass({
    all: values.all,
    host: values.host,
    batch: Number.MAX_SAFE_INTEGER,
    budgetMs: Number.POSITIVE_INFINITY,
    onProgress: (checked, due) => progress(`checked ${checked}/${due}…`),
    // The running site reads the stored invalidation within a second.
    onPublicChange: () => recordInvalidation([SITE_KEY], "command line"),
  });
  progress.done();
  const throttled = summary.throttledHosts.length ? `; asked to wait by ${summary.throttledHosts.join(", ")}` : "";
  console.log(
    `✓ Checked ${summary.checked} of ${summary.due} links: ${summary.ok} OK, ${summary.moved} moved, ${summary.failing} failing, ${summary.dead} dead` +
      `${summary.deferred ? `, ${summary.deferred} left for later` : ""}${throttled}.`,
  );
  process.exit(0);
}

main().catch(exitWithError);
