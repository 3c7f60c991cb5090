// npm run import -- <file.md|folder|file.zip|bookmarks.html> [--dry-run] [--on-duplicate skip|update] [--as-draft] [--as <email>]
// Exit codes: 0 every file imported (or unchanged/skipped), 1 some file failed, 2 wrong usage or unusable account.
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { changedContent, ON_DUPLICATE, type OnDuplicate } from "../import/schema";
import { commandLine, exitWithError } from "../import/command-line";
import { formatReport, progressBar, progressLine } from "../import/report";
import { SITE_KEY } from "../http/cache-policy";

const USAGE = `Usage: npm run import -- <file.md | folder | file.zip | bookmarks.html> [options]

  --dry-run                    check every file and report what would happen; write nothing
  --on-duplicate skip|update   a post for the same article exists: leave it (default) or update what differs
  --as-draft                   create new posts as drafts whatever the files say
  --as <email>                 act as this editor or admin (default: the first admin)`;

const cli = commandLine(USAGE);

function readArguments() {
  const { values, positionals } = cli.parse({
    "dry-run": { type: "boolean", default: false },
    "on-duplicate": { type: "string", default: "skip" },
    "as-draft": { type: "boolean", default: false },
    as: { type: "string" },
  });
  if (positionals.length !== 1) cli.fail(positionals.length ? "give exactly one file or folder to import" : "give the file or folder to import");
  const onDuplicate = values["on-duplicate"];
  if (!(ON_DUPLICATE as readonly string[]).includes(onDuplicate)) cli.fail(`--on-duplicate must be skip or update, not '${onDuplicate}'`);
  return {
    target: path.resolve(positionals[0]),
    dryRun: values["dry-run"],
    onDuplicate: onDuplicate as OnDuplicate,
    asDraft: values["as-draft"],
    as: values.as,
  };
}

/** Redraws one line on a terminal; prints a plain line at most every few seconds otherwise. */
function progressReporter() {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let printedAt = 0;
  return {
    update(processed: number, total: number) {
      const now = Date.now();
      const done = processed >= total;
      const figures = { processed, total, elapsedMs: now - started };
      if (tty) {
        if (now - printedAt < 100 && !done) return;
        process.stderr.write(`\r${progressBar(figures, process.stderr.columns || 80)}\x1b[K${done ? "\n" : ""}`);
      } else {
        if (now - printedAt < 2000 && !done) return;
        process.stderr.write(`${progressLine(figures)}\n`);
      }
      printedAt = now;
    },
  };
}

async function main() {
  loadEnvConfig(process.cwd());
  const args = readArguments();
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { resolveCommandLineActor } = await import("../import/queries");
  const { importItems } = await import("../import/bulk-writer");
  const { readImportItems } = await import("../import/read");

  const who = await resolveCommandLineActor(args.as);
  if ("error" in who) return cli.fail(who.error);
  const { actor } = who;

  const source = await readImportItems({ kind: "path", path: args.target });
  console.error(
    `${args.dryRun ? "Checking" : "Importing"} ${source.total} ${source.total === 1 ? "file" : "files"} from ${args.target}${actor ? ` as ${actor.email}` : ""}…`,
  );
  const progress = progressReporter();
  const report = await importItems(
    actor,
    source,
    { dryRun: args.dryRun, onDuplicate: args.onDuplicate, asDraft: args.asDraft },
    { label: path.basename(args.target), onProgress: ({ processed, total }) => progress.update(processed, total) },
  );
  if (changedContent(report)) {
    // Running servers cache public pages: this row makes every instance drop its copies.
    const { recordInvalidation } = await import("../cache/mutations");
    await recordInvalidation([SITE_KEY], "command line");
  }
  console.log(formatReport(report).join("\n"));
  process.exit(report.counts.failed > 0 ? 1 : 0);
}

main().catch(exitWithError);
