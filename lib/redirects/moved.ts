import "server-only";
import { notFound, permanentRedirect } from "next/navigation";
import { findMovedSlug } from "./queries";
import { movedPath, type SlugKind } from "./schema";

/**
 * The end of a reader page with nothing at its address: the record's current address when the slug is an old one,
 * else the 404 page. Next can only answer 308 here; the HTTP server sends it as 301 (lib/server/http-server.ts).
 */
export async function movedOrNotFound(kind: SlugKind, slug: string, path: string): Promise<never> {
  const moved = await findMovedSlug(kind, slug);
  if (moved) permanentRedirect(movedPath(kind, path, moved));
  notFound();
}
