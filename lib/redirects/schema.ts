/** What a slug names; each kind has its own addresses (/posts/…, /tags/…, /sources/…). */
export type SlugKind = "post" | "tag" | "source";

const BASES: Record<SlugKind, string> = { post: "/posts", tag: "/tags", source: "/sources" };

/**
 * The same address with the slug replaced: "/tags/old/feed.xml?x" → "/tags/new/feed.xml?x". `path` is a request's path
 * (and query) under the kind's base; the slug is its second segment.
 */
export function movedPath(kind: SlugKind, path: string, newSlug: string): string {
  const rest = path.slice(BASES[kind].length + 1).replace(/^[^/?]*/, "");
  return `${BASES[kind]}/${encodeURIComponent(newSlug)}${rest}`;
}
