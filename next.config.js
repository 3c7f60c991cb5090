// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets two builds (for example an end-to-end run beside a development server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3"],
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
};

module.exports = nextConfig;
