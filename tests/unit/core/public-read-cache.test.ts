import { beforeEach, describe, expect, it, vi } from "vitest";

// No other instance writes invalidations here, and nothing is due: only this process's own calls drop entries.
vi.mock("@/lib/cache/queries", () => ({
  latestInvalidationSeq: async () => 0,
  listInvalidationsSince: async () => [],
  listPostsFallenDue: async () => [],
  readNextDueAt: async () => null,
}));
vi.mock("@/lib/cache/mutations", () => ({ recordInvalidation: async () => 1 }));
vi.mock("@/lib/settings/queries", () => ({ getSiteSettings: async () => ({ timeZone: "UTC" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { cachedPublicRead, invalidatePostContent, invalidatePublicContent, revalidatePublicContent } = await import("@/lib/cache/public-content");
const { onPublicInvalidation } = await import("@/lib/cache/generation");
const ANY = ["site"];

/** A load that counts its calls and resolves when told. */
function countedLoad<T>(value: T) {
  const calls = { count: 0 };
  return { calls, load: async () => (calls.count++, value) };
}

describe("cachedPublicRead", () => {
  beforeEach(() => revalidatePublicContent());

  it("drops only the entries that name an invalidated key, loads under way included", async () => {
    const a = countedLoad("post a");
    const b = countedLoad("post b");
    const home = countedLoad("home");
    const read = () =>
      Promise.all([
        cachedPublicRead("post:a", ["post-a"], a.load),
        cachedPublicRead("post:b", ["post-b"], b.load),
        cachedPublicRead("home", ["home"], home.load),
      ]);
    await read();
    await invalidatePublicContent(["post-a", "home", "feeds"]);
    await read();
    expect([a.calls.count, b.calls.count, home.calls.count]).toEqual([2, 1, 2]);
    await revalidatePublicContent();
    await read();
    expect([a.calls.count, b.calls.count, home.calls.count]).toEqual([3, 2, 3]);
  });

  it("invalidates a post's page, tags, source, month and lists, and tells the page cache", async () => {
    const heard: string[][] = [];
    const stop = onPublicInvalidation((keys) => heard.push([...keys]));
    const other = countedLoad("another tag");
    await cachedPublicRead("tag:other", ["tag-other"], other.load);
    await invalidatePostContent([{ slug: "new-post", publishedAt: new Date("2026-03-31T23:30:00Z"), tagSlugs: ["ebpf"], sourceSlug: "lwn" }]);
    stop();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toEqual(
      expect.arrayContaining(["post-new-post", "tag-ebpf", "source-lwn", "archive-2026-03", "home", "feeds", "sitemap", "archive", "search"]),
    );
    expect(heard[0]).not.toContain("site");
    await cachedPublicRead("tag:other", ["tag-other"], other.load);
    expect(other.calls.count).toBe(1);
  });

  it("loads a key once and shares the value, also with requests that arrive while it loads", async () => {
    const { calls, load } = countedLoad({ title: "A post" });
    const [first, second] = await Promise.all([cachedPublicRead("post:a", ANY, load), cachedPublicRead("post:a", ANY, load)]);
    expect(await cachedPublicRead("post:a", ANY, load)).toBe(first);
    expect(second).toBe(first);
    expect(calls.count).toBe(1);
  });

  it("does not keep a value that keep() refuses, such as a missing post", async () => {
    const { calls, load } = countedLoad(null);
    await cachedPublicRead("post:missing", ANY, load, (value) => value !== null);
    await cachedPublicRead("post:missing", ANY, load, (value) => value !== null);
    expect(calls.count).toBe(2);
  });

  it("drops everything when public content changes, including a load that was under way", async () => {
    let started!: () => void;
    let release!: (value: string) => void;
    const loading = new Promise<void>((resolve) => (started = resolve));
    const slow = cachedPublicRead("home", ANY, () => {
      started();
      return new Promise<string>((resolve) => (release = resolve));
    });
    await loading;
    revalidatePublicContent();
    release("before the change");
    expect(await slow).toBe("before the change");
    const { calls, load } = countedLoad("after the change");
    expect(await cachedPublicRead("home", ANY, load)).toBe("after the change");
    expect(calls.count).toBe(1);
  });

  it("stays within its byte budget by dropping the least recently used values first", async () => {
    const big = (label: string) => label + "x".repeat(1024 * 1024); // weighs 2 MiB as a JavaScript string
    await cachedPublicRead("page:0", ANY, async () => big("0"));
    for (let page = 1; page < 40; page++) {
      await cachedPublicRead(`page:${page}`, ANY, async () => big(String(page)));
      // Page 0 is read again and again, so it stays while older pages go.
      await cachedPublicRead("page:0", ANY, async () => big("reloaded"));
    }
    expect((await cachedPublicRead("page:0", ANY, async () => big("reloaded"))).startsWith("0x")).toBe(true);
    const { calls, load } = countedLoad(big("1"));
    await cachedPublicRead("page:1", ANY, load);
    expect(calls.count).toBe(1);
    const recent = countedLoad(big("39"));
    await cachedPublicRead("page:39", ANY, recent.load);
    expect(recent.calls.count).toBe(0);
  });
});
