// Next calls register() once when a server process starts. The job worker starts here, inside Next's own bundles,
// so jobs run with the same modules as the pages and actions (the public cache, the database client); the custom
// HTTP server (lib/server/main.ts) is bundled apart and only asks it to drain on shutdown (lib/jobs/signals.ts).
// The same goes for what /readyz and /metrics read (lib/observability/probes.ts) and the post page's reads.
export async function register() {
  // Not in the Edge runtime, and not while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAppJobWorker } = await import("./lib/jobs/worker");
  const { registerOperationsProbes } = await import("./lib/observability/probes");
  const { registerPostPageReads } = await import("./lib/reader/post-page-reads");
  const { readPublishedPost, readSiteSettings } = await import("./lib/cache/public-reads");
  startAppJobWorker();
  registerOperationsProbes();
  // The post page's own renderer in the HTTP server reads through the same cached reads as Next's page.
  registerPostPageReads(async (slug) => {
    const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost(slug)]);
    return post ? { settings, post } : null;
  });
}
