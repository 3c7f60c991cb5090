// The documented 50 MiB upload limit holds only if Next buffers that much of a request body for proxy.ts: a longer
// body reaches the upload route cut short, and a cut upload "could not be read".
import { createRequire } from "node:module";
import type { NextConfig } from "next";
import { expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_REQUEST_BYTES, PROXY_BODY_BUFFER_BYTES } from "@/lib/import/schema";

// next.config.js is CommonJS, loaded as Next loads it.
const nextConfig = createRequire(import.meta.url)("../../../next.config.js") as NextConfig;

it("has Next buffer more of a request body for the proxy than the upload route accepts", () => {
  expect(MAX_UPLOAD_BYTES).toBe(50 * 1024 * 1024);
  expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(PROXY_BODY_BUFFER_BYTES);
  // A body cut at the buffer's limit loses at most the chunk that crossed it (64 KiB from a socket), and must still
  // be longer than the route's limit, so it is refused as too large.
  expect(PROXY_BODY_BUFFER_BYTES - MAX_UPLOAD_REQUEST_BYTES).toBeGreaterThanOrEqual(512 * 1024);
});
