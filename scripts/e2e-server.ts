// Used by Playwright's webServer: a fresh, migrated database and the production server on the end-to-end port.
import { spawn } from "node:child_process";
import { productionServerCommand, QUIET_ENV } from "../lib/cli/process";
import { freshE2eDatabase } from "./e2e-database";

async function main() {
  const url = process.env.DATABASE_URL;
  const port = process.env.PORT;
  if (!url || !port) throw new Error("DATABASE_URL and PORT must be set by the Playwright config.");
  if (!(await freshE2eDatabase(url))) process.exit(1);
  const [command, args, serverEnv] = productionServerCommand();
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...serverEnv, ...QUIET_ENV } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
