import "server-only";

/** The fetcher's fixed limits; nothing can raise them. */
export const FETCH_LIMITS = Object.freeze({
  /** From asking for a connection to the site accepting it, per hop. */
  connectMs: 5_000,
  /** The whole fetch: every lookup, redirect and the body. */
  totalMs: 10_000,
  /** The page's body, counted both as sent and after decompression. */
  maxBytes: 2 * 1024 * 1024,
  /** Redirects followed before giving up. */
  maxRedirects: 5,
  /** The only ports reached without an allow-list entry. */
  ports: Object.freeze([80, 443] as const),
});
