// @ts-check
// The upload limit shared with lib/import/schema.ts. This file is CommonJS, as Next loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const uploadLimits = require("./lib/import/upload-limits.json");

// Sent with every response (pages, feeds, assets, API); the one list, shared with the outer server's own answers
// (lib/auth/request-safety.ts). The Content-Security-Policy needs a nonce per request and is set in proxy.ts.
// Browsers ignore HSTS over plain HTTP, so it is safe to send from any production server.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS, read by Next.js as is
const securityHeaders = Object.entries(require("./lib/auth/security-headers.json"))
  .filter(([key]) => key !== "Strict-Transport-Security" || process.env.NODE_ENV === "production")
  .map(([key, value]) => ({ key, value }));

// The endpoints the home page names for IndieWeb clients (Micropub), as a Link header; app/(site)/page.tsx names the
// same list in <link> elements, and the page cache keeps both.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS, read by Next.js as is
const discoveryLinks = /** @type {Array<{ rel: string; href: string }>} */ (require("./lib/http/discovery-links.json"))
  .map(({ rel, href }) => `<${href}>; rel="${rel}"`)
  .join(", ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets two builds (for example an end-to-end run beside a development server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver packages stay outside the bundle and load from node_modules at run time; prom-client too, so the
  // HTTP server and the app share one copy (lib/observability/metrics.ts).
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3", "prom-client"],
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  experimental: {
    // proxy.ts runs for every request, and Next hands the route only as much of the body as it buffered for the
    // proxy (10 MB unless set): without this an import upload over 10 MB arrived cut short. The upload limit plus
    // the form's room, plus room to see a cut body as too large (PROXY_BODY_BUFFER_BYTES in lib/import/schema.ts).
    proxyClientMaxBodySize: (uploadLimits.maxUploadMiB + 2) * 1024 * 1024,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/", headers: [{ key: "Link", value: discoveryLinks }] },
    ];
  },
};

module.exports = nextConfig;
