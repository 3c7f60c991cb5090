// Stand-ins for Next's request-scoped modules, so Server Actions and route code can be called outside a request:
//   vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);
//   vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.45", "my-test"));
// Each file gives its own address, so rate limits keyed by address never carry over between files.

/** next/cache with nothing to revalidate: these tests read the database, not the page cache. */
export const nextCacheStub = { revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined };

/** next/headers for a request from `address` with no cookies. */
export function nextHeadersStub(address: string, userAgent: string) {
  return {
    headers: async () => new Headers({ "x-forwarded-for": address, "user-agent": userAgent }),
    cookies: async () => ({ getAll: () => [], get: () => undefined, delete: () => undefined }),
  };
}
