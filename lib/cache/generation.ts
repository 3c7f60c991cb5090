// The public content cache's state is one object per process on globalThis (Next bundles routes separately, and the
// HTTP server's page cache in lib/server runs outside every bundle). This module names that object and lets code
// outside the bundles bring it up to date and hear which keys were invalidated, without importing the database.

export const PUBLIC_CACHE_GLOBAL_KEY = "linkpressPublicCache";
const LISTENERS_GLOBAL_KEY = "linkpressPublicCacheListeners";

export type PublicCacheGlobal = {
  /** Reads other instances' invalidations and posts fallen due (at most once a second, or at once when one is due). */
  sync?: () => Promise<void>;
};

/** Hears the keys of every invalidation in this process: its own changes, other instances' and posts fallen due. */
export type InvalidationListener = (keys: readonly string[]) => void;

function listeners(): Set<InvalidationListener> {
  const shared = globalThis as Record<string, unknown>;
  return (shared[LISTENERS_GLOBAL_KEY] ??= new Set<InvalidationListener>()) as Set<InvalidationListener>;
}

/**
 * Brings the public cache up to date with other instances and the clock, or gives undefined until Next has loaded
 * the cache (no public page served yet).
 */
export function syncPublicContent(): Promise<void> | undefined {
  const shared = (globalThis as Record<string, unknown>)[PUBLIC_CACHE_GLOBAL_KEY] as PublicCacheGlobal | undefined;
  return shared?.sync?.();
}

/** Calls `listener` with the keys of every invalidation from now on; gives the function that stops it. */
export function onPublicInvalidation(listener: InvalidationListener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

/** Tells every listener which keys were invalidated (called by the public content cache). */
export function announceInvalidation(keys: readonly string[]): void {
  for (const listener of listeners()) {
    try {
      listener(keys);
    } catch (error) {
      console.error("[cache] an invalidation listener failed:", error instanceof Error ? error.message : error);
    }
  }
}
