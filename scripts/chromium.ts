// Debian's Chromium, which the end-to-end tests and the benchmark's Lighthouse runs drive (a browser download cannot
// work offline). CHROMIUM_PATH points elsewhere on other machines.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** No sandbox (containers), no GPU, and nothing that reaches the internet in the background. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
