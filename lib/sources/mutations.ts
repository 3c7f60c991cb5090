import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { slugify } from "@/lib/slug";

/** The id of the named source, matched by slug (so "CNCF" and "cncf" are one) and created when new. */
export async function ensureSource(tx: DbTransaction, name: string, articleUrl: string): Promise<string | null> {
  if (!name) return null;
  const slug = slugify(name);
  if (!slug) throw new AppError("INVALID_INPUT", "The source name needs at least one letter or digit.", { field: "source" });
  // A new source is named after the publication; its first article tells us where it lives.
  const { hostname, origin } = new URL(articleUrl);
  const source = await tx.source.upsert({
    where: { slug },
    create: { name, slug, domain: hostname, homepage: origin },
    update: {},
    select: { id: true },
  });
  return source.id;
}
