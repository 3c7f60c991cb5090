// @ts-check
// The upload limit shared with lib/import/schema.ts. This file is CommonJS, as Next loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const uploadLimits = require("./lib/import/upload-limits.json");

// Sent with every response (pages, feeds, assets, API). The Content-Security-Policy needs a nonce per request and is
// set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore HSTS over plain HTTP, so it is safe to send from any production server.
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets two builds (for example an end-to-end run beside a development server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3"],
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  experimental: {
    // proxy.ts runs for every request, and Next hands the route only as much of the body as it buffered for the
    // proxy (10 MB unless set): without this an import upload over 10 MB arrived cut short. The upload limit plus
    // the form's room, plus room to see a cut body as too large (PROXY_BODY_BUFFER_BYTES in lib/import/schema.ts).
    proxyClientMaxBodySize: (uploadLimits.maxUploadMiB + 2) * 1024 * 1024,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
