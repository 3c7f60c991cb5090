import "server-only";
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { revalidatePath } from "next/cache";
import { postCacheKeys, SITE_KEY, type PostCacheFacts } from "@/lib/http/cache-policy";
import { getSiteSettings } from "@/lib/settings/queries";
import { zonedYearMonth } from "@/lib/time-zone";
import { announceInvalidation, PUBLIC_CACHE_GLOBAL_KEY, type PublicCacheGlobal } from "./generation";
import { recordInvalidation } from "./mutations";
import { latestInvalidationSeq, listInvalidationsSince, listPostsFallenDue, readNextDueAt } from "./queries";

// Public pages, feeds and the sitemap read their data through cachedPublicRead(): an in-process cache whose entries
// name the keys of what they hold (lib/http/cache-policy.ts: post-<slug>, tag-<slug>, home, feeds…). An entry is
// dropped when one of its keys is invalidated:
//   - this process changes public content: invalidatePublicContent(keys) drops them at once and stores the keys in
//     the CacheInvalidation table;
//   - another app instance (several may share one PostgreSQL database) changed it: every instance reads the rows
//     past the last one it saw, at most once a second, and drops those keys too;
//   - a scheduled post falls due: the time of the next one is read with the rows, and that post's keys are dropped
//     then, by each instance on its own.
// Invalidating `site` (settings, tags and sources, imports) drops everything. The HTTP server's page cache hears
// every invalidation through ./generation and drops its pages by the same keys.

const STATE_CHECK_INTERVAL_MS = 1000;
// The page cache keeps the finished pages; this layer mostly serves the lists, feeds and settings that many pages
// share. At 48 MB a crawl of 5,000 post pages filled it with post data and ran the 256 MB heap out.
const MAX_CACHED_BYTES = 16 * 1024 * 1024;
// An instance that could not read the table for this long may have missed rows since pruned: it drops everything.
const MISSED_ROWS_AFTER_MS = 30 * 60 * 1000;

// A load in flight is shared as its promise; once it settles only the value is kept. A promise made during a request
// carries that request's async context (Next's request store, and through it the request and response objects):
// kept promises held about 1,500 finished requests alive after a crawl of 5,000 posts, about 80 MB of heap.
type Entry = { keys: readonly string[] } & ({ loading: Promise<unknown> } | { value: unknown });
type CacheState = PublicCacheGlobal & {
  /** Least recently used dropped first beyond MAX_CACHED_BYTES; a load in flight counts one byte until it resolves. */
  entries: LRUCache<string, Entry>;
  /** Names this process's rows in the table, which it has applied already. */
  origin: string;
  /** The newest invalidation row seen; undefined until first read. */
  lastSeq: number | undefined;
  /** Rows applied lately (rows are read again a little below lastSeq, see lib/cache/queries.ts). */
  appliedSeqs: Set<number>;
  lastReadAt: number;
  checkedAt: number;
  checking: Promise<void> | null;
  /** Posts that became public up to this instant have had their keys dropped. */
  dueHandledUntil: number;
  /** When the next scheduled post becomes public. */
  nextDueAt: number;
};

// One state per process: Next bundles routes separately, and a Server Action in one bundle must reach the cache that
// the pages of another bundle read (and the HTTP server's page cache, through ./generation).
const globalForCache = globalThis as unknown as Record<typeof PUBLIC_CACHE_GLOBAL_KEY, CacheState | undefined>;
const state: CacheState = (globalForCache[PUBLIC_CACHE_GLOBAL_KEY] ??= {
  entries: new LRUCache({ maxSize: MAX_CACHED_BYTES }),
  origin: randomUUID(),
  lastSeq: undefined,
  appliedSeqs: new Set(),
  lastReadAt: Date.now(),
  checkedAt: 0,
  checking: null,
  dueHandledUntil: Date.now(),
  nextDueAt: Number.POSITIVE_INFINITY,
});

// Drops the entries naming any of `keys` (everything for `site`), loads in flight included, and tells the page cache.
function dropKeys(keys: readonly string[]) {
  if (keys.includes(SITE_KEY)) state.entries.clear();
  else {
    const dropped = new Set(keys);
    for (const [key, entry] of state.entries.entries()) if (entry.keys.some((name) => dropped.has(name))) state.entries.delete(key);
  }
  announceInvalidation(keys);
}

async function applyOtherInstances(now: number) {
  if (state.lastSeq === undefined) {
    state.lastSeq = await latestInvalidationSeq();
    return;
  }
  if (now - state.lastReadAt > MISSED_ROWS_AFTER_MS) dropKeys([SITE_KEY]);
  const keys = new Set<string>();
  for (const row of await listInvalidationsSince(state.lastSeq, state.origin)) {
    state.lastSeq = Math.max(state.lastSeq, row.seq);
    if (state.appliedSeqs.has(row.seq)) continue;
    state.appliedSeqs.add(row.seq);
    row.keys.forEach((key) => keys.add(key));
  }
  for (const seq of state.appliedSeqs) if (seq <= state.lastSeq - 1000) state.appliedSeqs.delete(seq);
  if (keys.size) dropKeys([...keys]);
}

const dueTime = (date: Date | null) => (date ? date.getTime() : Number.POSITIVE_INFINITY);

// A scheduled post is now public: the pages and lists that show it were kept without it. The due time is read first:
// scheduling a post announces nothing (readers cannot see it yet), so one scheduled since the last check, here or on
// another instance, may be due already.
async function applyPostsFallenDue(now: number) {
  state.nextDueAt = dueTime(await readNextDueAt(new Date(state.dueHandledUntil)));
  if (now < state.nextDueAt) return;
  const fallen = await listPostsFallenDue(new Date(state.dueHandledUntil), new Date(now));
  state.dueHandledUntil = now;
  state.nextDueAt = dueTime(await readNextDueAt(new Date(now)));
  if (fallen.length) dropKeys(await keysOfPosts(fallen));
}

// The keys of posts' pages and lists; their archive months are the site's (its time zone).
async function keysOfPosts(posts: readonly PostCacheFacts[]): Promise<string[]> {
  const { timeZone } = await getSiteSettings();
  return [...new Set(posts.flatMap((post) => postCacheKeys(post, (date) => zonedYearMonth(date, timeZone))))];
}

async function checkSharedState() {
  const now = Date.now();
  state.checkedAt = now;
  try {
    await applyOtherInstances(now);
    state.lastReadAt = now;
    await applyPostsFallenDue(now);
  } catch (error) {
    console.error("[cache] could not read the public content invalidations:", error instanceof Error ? error.message : error);
  } finally {
    state.checking = null;
  }
}

async function syncWithSharedState(): Promise<void> {
  const now = Date.now();
  if (!state.checking && (now >= state.nextDueAt || now - state.checkedAt >= STATE_CHECK_INTERVAL_MS)) state.checking = checkSharedState();
  if (state.checking) await state.checking;
}
state.sync = syncWithSharedState;

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
 * The value of `load()` for this key, shared by every request until one of `dependsOn` (keys of
 * lib/http/cache-policy.ts) is invalidated. Keys must name everything the value depends on (page number, slug,
 * query). Concurrent misses share one load. Values for which `keep` says no (a missing post, a page past the end)
 * are not kept, so requests for made-up addresses cannot fill the cache.
 */
export async function cachedPublicRead<T>(
  key: string,
  dependsOn: readonly string[],
  load: () => Promise<T>,
  keep: (value: T) => boolean = () => true,
): Promise<T> {
  await syncWithSharedState();
  const hit = state.entries.get(key);
  if (hit) return ("value" in hit ? hit.value : await hit.loading) as T;
  const loading = load();
  const entry: Entry = { loading, keys: dependsOn };
  state.entries.set(key, entry, { size: 1 });
  try {
    const value = await loading;
    // Set again as its value with its real weight, which evicts beyond the budget; unless an invalidation or a newer
    // load replaced it.
    if (state.entries.peek(key) === entry) {
      if (keep(value)) state.entries.set(key, { value, keys: dependsOn }, { size: weigh(value) });
      else state.entries.delete(key);
    }
    return value;
  } catch (error) {
    if (state.entries.peek(key) === entry) state.entries.delete(key);
    throw error;
  }
}

/**
 * Call after anything readers can see changes, with the keys of what shows it (postCacheKeys for a post), so those
 * pages, feeds and the sitemap show it on the next request. This process drops them at once; other instances read
 * them from the table within a second.
 */
export function invalidatePublicContent(keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)];
  if (!unique.length) return Promise.resolve();
  dropKeys(unique);
  // Resolves once the row is stored (never rejects): callers may await it, a failure is logged.
  const stored = recordInvalidation(unique, state.origin).then(
    () => undefined,
    (error: unknown) => console.error("[cache] could not store the public content invalidation:", error instanceof Error ? error.message : error),
  );
  try {
    // Also drops the browser's router cache of public pages after a Server Action.
    revalidatePath("/", "layout");
  } catch {
    // Outside a request (a command-line import, a test) there is no Next cache to drop.
  }
  return stored;
}

/** Call after posts readers see (or saw) changed, with how readers saw them before and see them now. */
export async function invalidatePostContent(posts: readonly PostCacheFacts[]): Promise<void> {
  if (posts.length) await invalidatePublicContent(await keysOfPosts(posts));
}

/** Call after a change every public page may show (site settings, tags and sources, an import): drops everything. */
export function revalidatePublicContent(): Promise<void> {
  return invalidatePublicContent([SITE_KEY]);
}
