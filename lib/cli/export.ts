// npm run export -- <folder | file.zip | file.json | file.html> [--status all|draft|scheduled|published] [--tag <slug>] [--source <slug>] [--as <email>]
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { exportFilterSchema } from "../export/schema";
import { commandLine, exitWithError } from "../import/command-line";

const USAGE = `Usage: npm run export -- <target> [options]

  <target>   a folder (one .md file per post), or file.zip (the same, zipped),
             file.json (all content: posts, tags, sources, settings) or file.html (browser bookmarks)
  --status all|draft|scheduled|published   only posts in this state (default: all)
  --tag <slug>       only posts with this tag
  --source <slug>    only posts from this source
  --as <email>       record the export under this account (default: the first admin)`;

const cli = commandLine(USAGE);

function readArguments() {
  const { values, positionals } = cli.parse({
    status: { type: "string", default: "all" },
    tag: { type: "string" },
    source: { type: "string" },
    as: { type: "string" },
  });
  if (positionals.length !== 1) cli.fail("give exactly one folder or file to export to");
  const filter = exportFilterSchema.safeParse({ status: values.status, tag: values.tag, source: values.source });
  if (!filter.success) return cli.fail(filter.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; "));
  return { target: path.resolve(positionals[0]), filter: filter.data, as: values.as };
}

async function main() {
  loadEnvConfig(process.cwd());
  const args = readArguments();
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { resolveCommandLineActor } = await import("../import/queries");
  const { exportBookmarks, exportContentJson, exportLinkPostFiles } = await import("../export/build");
  const { buildZip } = await import("../link-format/archive");

  const who = await resolveCommandLineActor(args.as);
  if ("error" in who) return cli.fail(who.error);
  const { actor } = who;

  const extension = path.extname(args.target).toLowerCase();
  await mkdir(extension ? path.dirname(args.target) : args.target, { recursive: true });
  if (extension === ".json") {
    await writeFile(args.target, await exportContentJson(actor));
    console.log(`✓ Wrote all content to ${args.target}`);
  } else if (extension === ".html" || extension === ".htm") {
    const { html, count } = await exportBookmarks(actor, args.filter);
    await writeFile(args.target, html);
    console.log(`✓ Wrote ${count} bookmarks to ${args.target}`);
  } else if (extension === ".zip") {
    const files = await exportLinkPostFiles(actor, args.filter);
    await writeFile(args.target, buildZip(files));
    console.log(`✓ Wrote ${files.length} posts to ${args.target}`);
  } else if (extension === "") {
    const files = await exportLinkPostFiles(actor, args.filter);
    const existing = new Set(await readdir(args.target));
    const replaced = files.filter((file) => existing.has(file.name)).length;
    for (const file of files) await writeFile(path.join(args.target, file.name), file.data);
    console.log(`✓ Wrote ${files.length} posts to ${args.target}${replaced ? ` (${replaced} files replaced)` : ""}`);
  } else {
    cli.fail(`cannot export to a '${extension}' file: give a folder, or a .zip, .json or .html file`);
  }
  process.exit(0);
}

main().catch(exitWithError);
