// The public content cache's state is one object per process on globalThis (Next bundles routes separately, and the
// HTTP server's page cache in lib/server runs outside every bundle). This module names that object and lets code
// outside the bundles read the current generation without importing the database.

export const PUBLIC_CACHE_GLOBAL_KEY = "linkpressPublicCache";

export type PublicCacheGlobal = {
  /** Checks the shared content version (at most once a second) and the next due post, then gives the generation. */
  currentGeneration?: () => Promise<number>;
};

/**
 * The generation of public content now, or undefined until Next has loaded the cache (no public page served yet). A
 * value cached under one generation is stale once this differs.
 */
export function currentPublicGeneration(): Promise<number> | undefined {
  const shared = (globalThis as Record<string, unknown>)[PUBLIC_CACHE_GLOBAL_KEY] as PublicCacheGlobal | undefined;
  return shared?.currentGeneration?.();
}
