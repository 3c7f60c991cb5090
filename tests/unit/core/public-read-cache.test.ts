import { beforeEach, describe, expect, it, vi } from "vitest";

// The shared content version never changes here, and nothing is due: only this process's own calls move generations.
vi.mock("@/lib/cache/queries", () => ({ readCacheState: async () => ({ version: "1", nextDueAt: null }) }));
vi.mock("@/lib/cache/mutations", () => ({ bumpContentVersion: async () => "1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { cachedPublicRead, revalidatePublicContent } = await import("@/lib/cache/public-content");

/** A load that counts its calls and resolves when told. */
function countedLoad<T>(value: T) {
  const calls = { count: 0 };
  return { calls, load: async () => (calls.count++, value) };
}

describe("cachedPublicRead", () => {
  beforeEach(() => revalidatePublicContent());

  it("loads a key once and shares the value, also with requests that arrive while it loads", async () => {
    const { calls, load } = countedLoad({ title: "A post" });
    const [first, second] = await Promise.all([cachedPublicRead("post:a", load), cachedPublicRead("post:a", load)]);
    expect(await cachedPublicRead("post:a", load)).toBe(first);
    expect(second).toBe(first);
    expect(calls.count).toBe(1);
  });

  it("does not keep a value that keep() refuses, such as a missing post", async () => {
    const { calls, load } = countedLoad(null);
    await cachedPublicRead("post:missing", load, (value) => value !== null);
    await cachedPublicRead("post:missing", load, (value) => value !== null);
    expect(calls.count).toBe(2);
  });

  it("drops everything when public content changes, including a load that was under way", async () => {
    let started!: () => void;
    let release!: (value: string) => void;
    const loading = new Promise<void>((resolve) => (started = resolve));
    const slow = cachedPublicRead("home", () => {
      started();
      return new Promise<string>((resolve) => (release = resolve));
    });
    await loading;
    revalidatePublicContent();
    release("before the change");
    expect(await slow).toBe("before the change");
    const { calls, load } = countedLoad("after the change");
    expect(await cachedPublicRead("home", load)).toBe("after the change");
    expect(calls.count).toBe(1);
  });

  it("stays within its byte budget by dropping the least recently used values first", async () => {
    const big = (label: string) => label + "x".repeat(1024 * 1024); // weighs 2 MiB as a JavaScript string
    await cachedPublicRead("page:0", async () => big("0"));
    for (let page = 1; page < 40; page++) {
      await cachedPublicRead(`page:${page}`, async () => big(String(page)));
      // Page 0 is read again and again, so it stays while older pages go.
      await cachedPublicRead("page:0", async () => big("reloaded"));
    }
    expect((await cachedPublicRead("page:0", async () => big("reloaded"))).startsWith("0x")).toBe(true);
    const { calls, load } = countedLoad(big("1"));
    await cachedPublicRead("page:1", load);
    expect(calls.count).toBe(1);
    const recent = countedLoad(big("39"));
    await cachedPublicRead("page:39", recent.load);
    expect(recent.calls.count).toBe(0);
  });
});
