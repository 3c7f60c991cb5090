// The production server process that `npm start`, the end-to-end runs and the benchmark start: Next.js (from the
// last build) behind the page cache. PORT chooses the port (3000); `--hostname <address>` limits the interface.
// `npm start` runs it bundled to plain JavaScript by the build (lib/cli/build.ts), not through tsx: tsx's module
// hooks would sit in front of every module Next loads while serving.

import { runExitHooks, runShutdownHooks } from "../jobs/signals";

async function main() {
  // Next reads this when it loads, so it is set before the server module is imported.
  Object.assign(process.env, { NODE_ENV: "production" });
  const { startHttpServer } = await import("./http-server");
  const port = Number(process.env.PORT || 3000);
  const hostnameAt = process.argv.indexOf("--hostname");
  const server = await startHttpServer({ port, hostname: hostnameAt === -1 ? undefined : process.argv[hostnameAt + 1] });
  const stop = () => {
    // The job worker (started inside Next, see instrumentation.ts) stops claiming, lets running jobs finish for a
    // few seconds and hands back the rest, while the server stops taking connections and lets the requests in flight
    // finish (10 s at most); then the database is closed (lib/observability/probes.ts) and the process exits.
    Promise.all([runShutdownHooks(), server.close()])
      .then(() => runExitHooks())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
