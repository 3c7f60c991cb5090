import "server-only";
import { LRUCache } from "lru-cache";
import { revalidatePath } from "next/cache";
import { PUBLIC_CACHE_GLOBAL_KEY, type PublicCacheGlobal } from "./generation";
import { bumpContentVersion } from "./mutations";
import { readCacheState } from "./queries";

// Public pages, feeds and the sitemap read their data through cachedPublicRead(): an in-process cache that is
// dropped as a whole (a new "generation") when
//   - this process changes public content: revalidatePublicContent() starts a new generation at once;
//   - another app instance (several may share one PostgreSQL database) changed it: revalidatePublicContent() also
//     stores a new version in the Setting table, which every instance reads at most once a second;
//   - a scheduled post falls due: the time of the next one is read with the version, and the generation ends then.
// Entries remember the generation they were loaded in, so a load that started before a change never outlives it.

const STATE_CHECK_INTERVAL_MS = 1000;
const MAX_CACHED_BYTES = 48 * 1024 * 1024;

type Entry = { generation: number; value: Promise<unknown> };
type CacheState = PublicCacheGlobal & {
  generation: number;
  generationStartedAt: number;
  /** Least recently used dropped first beyond MAX_CACHED_BYTES; a load in flight counts one byte until it resolves. */
  entries: LRUCache<string, Entry>;
  /** The stored content version last seen; undefined until first read. */
  knownVersion: string | null | undefined;
  checkedAt: number;
  checking: Promise<void> | null;
  /** When the next scheduled post published after this generation began becomes public. */
  nextDueAt: number;
};

// One state per process: Next bundles routes separately, and a Server Action in one bundle must reach the cache that
// the pages of another bundle read (and the HTTP server's page cache, through ./generation).
const globalForCache = globalThis as unknown as Record<typeof PUBLIC_CACHE_GLOBAL_KEY, CacheState | undefined>;
const state: CacheState = (globalForCache[PUBLIC_CACHE_GLOBAL_KEY] ??= {
  generation: 0,
  generationStartedAt: Date.now(),
  entries: new LRUCache({ maxSize: MAX_CACHED_BYTES }),
  knownVersion: undefined,
  checkedAt: 0,
  checking: null,
  nextDueAt: Number.POSITIVE_INFINITY,
});

// Drops everything cached. The next read checks the shared state again, which learns the next due time as seen from
// this generation's start.
function startGeneration() {
  state.generation += 1;
  state.generationStartedAt = Date.now();
  state.entries.clear();
  state.nextDueAt = Number.POSITIVE_INFINITY;
  state.checkedAt = 0;
}

async function checkSharedState() {
  const generation = state.generation;
  state.checkedAt = Date.now();
  try {
    // Posts due after this generation began include any that fell due since: their time has then passed already,
    // and the next read starts a new generation.
    const { version, nextDueAt } = await readCacheState(new Date(state.generationStartedAt));
    if (state.knownVersion !== undefined && version !== state.knownVersion) {
      state.knownVersion = version;
      startGeneration();
      return;
    }
    state.knownVersion = version;
    if (state.generation === generation) state.nextDueAt = nextDueAt ? nextDueAt.getTime() : Number.POSITIVE_INFINITY;
  } catch (error) {
    console.error("[cache] could not read the public content version:", error instanceof Error ? error.message : error);
  } finally {
    state.checking = null;
  }
}

async function ensureCurrentGeneration(): Promise<number> {
  // A scheduled post is now public: everything cached was read before it was.
  if (Date.now() >= state.nextDueAt) startGeneration();
  if (!state.checking && Date.now() - state.checkedAt >= STATE_CHECK_INTERVAL_MS) state.checking = checkSharedState();
  if (state.checking) await state.checking;
  return state.generation;
}
state.currentGeneration = ensureCurrentGeneration;

function weigh(value: unknown): number {
  if (typeof value === "string") return value.length * 2;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  try {
    return (JSON.stringify(value)?.length ?? 16) * 2;
  } catch {
    return 1024;
  }
}

/**
 * The value of `load()` for this key, shared by every request until public content changes. Keys must name
 * everything the value depends on (page number, slug, query). Concurrent misses share one load. Values for which
 * `keep` says no (a missing post, a page past the end) are not kept, so requests for made-up addresses cannot fill
 * the cache.
 */
export async function cachedPublicRead<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const generation = await ensureCurrentGeneration();
  const hit = state.entries.get(key);
  if (hit && hit.generation === generation) return hit.value as Promise<T>;
  const entry: Entry = { generation, value: load() };
  state.entries.set(key, entry, { size: 1 });
  try {
    const value = (await entry.value) as T;
    // Set again with its real weight, which evicts beyond the budget; unless a newer load or generation replaced it.
    if (state.entries.peek(key) === entry) {
      if (keep(value)) state.entries.set(key, entry, { size: weigh(value) });
      else state.entries.delete(key);
    }
    return value;
  } catch (error) {
    if (state.entries.peek(key) === entry) state.entries.delete(key);
    throw error;
  }
}

/**
 * Call after anything readers can see changes (a post published, edited, unpublished, deleted or imported; tags,
 * sources or site settings changed), so every public page, feed and the sitemap shows it on the next request. This
 * process drops its cache at once; other instances notice the stored version within a second.
 */
export function revalidatePublicContent(): void {
  startGeneration();
  void bumpContentVersion().then(
    (version) => {
      state.knownVersion = version;
    },
    (error: unknown) => console.error("[cache] could not store the public content version:", error instanceof Error ? error.message : error),
  );
  try {
    // Also drops the browser's router cache of public pages after a Server Action.
    revalidatePath("/", "layout");
  } catch {
    // Outside a request (a command-line import, a test) there is no Next cache to drop.
  }
}
