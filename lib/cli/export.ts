// npm run export -- <folder | file.zip | file.json | file.html> [--status all|draft|scheduled|published] [--tag <slug>] [--source <slug>] [--as <email>]
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { exportFilterSchema } from "../export/schema";

const USAGE = `Usage: npm run export -- <target> [options]

  <target>   a folder (one .md file per post), or file.zip (the same, zipped),
             file.json (all content: posts, tags, sources, settings) or file.html (browser bookmarks)
  --status all|draft|scheduled|published   only posts in this state (default: all)
  --tag <slug>       only posts with this tag
  --source <slug>    only posts from this source
  --as <email>       record the export under this account (default: the first admin)`;

function usage(message: string): never {
  console.error(`✗ ${message}\n\n${USAGE}`);
  process.exit(2);
}

function readArguments() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        status: { type: "string", default: "all" },
        tag: { type: "string" },
        source: { type: "string" },
        as: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) usage("give exactly one folder or file to export to");
  const filter = exportFilterSchema.safeParse({ status: parsed.values.status, tag: parsed.values.tag, source: parsed.values.source });
  if (!filter.success) usage(filter.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; "));
  return { target: path.resolve(parsed.positionals[0]), filter: filter.data, as: parsed.values.as };
}

async function main() {
  loadEnvConfig(process.cwd());
  const args = readArguments();
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { resolveCommandLineActor } = await import("../import/queries");
  const { exportBookmarks, exportContentJson, exportLinkPostFiles } = await import("../export/build");
  const { buildZip } = await import("../link-format/archive");

  const who = await resolveCommandLineActor(args.as);
  if ("error" in who) usage(who.error);
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
    usage(`cannot export to a '${extension}' file: give a folder, or a .zip, .json or .html file`);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error && "userMessage" in error ? (error as { userMessage: string }).userMessage : String(error)}`);
  process.exit(1);
});
