// npm run token:create -- --email a@b.c --name "Shortcut" --scopes posts:read,posts:write [--days 90]
// Prints the secret alone on the last line (for scripts: `| tail -n 1`); refusals go to stderr with exit code 1.
import { loadEnvConfig } from "@next/env";

async function main() {
  loadEnvConfig(process.cwd());
  // Imported late: the database client reads DATABASE_URL when it loads.
  const { runTokenCreate } = await import("../tokens/command");
  const outcome = await runTokenCreate(process.argv.slice(2));
  for (const line of outcome.err) console.error(line);
  for (const line of outcome.out) console.log(line);
  process.exit(outcome.code);
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
