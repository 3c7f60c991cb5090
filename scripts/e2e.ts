// npm run test:e2e: make sure the production build is current, then run Playwright against the production server.
import { buildIfNeeded } from "../lib/cli/build";
import { bin, run } from "../lib/cli/process";

async function main() {
  if ((await buildIfNeeded()) !== 0) process.exit(1);
  process.exit(await run(bin("playwright"), ["test", "--config", ".config/playwright.config.ts", ...process.argv.slice(2)]));
}

void main();
