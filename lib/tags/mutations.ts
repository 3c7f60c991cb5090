import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { slugify } from "@/lib/slug";

/** The ids of the named tags, matched by slug and created when new, in the order given. */
export async function ensureTags(tx: DbTransaction, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw new AppError("INVALID_INPUT", `The tag “${name}” needs at least one letter or digit.`, { field: "tags" });
    if (seen.has(slug)) continue;
    seen.add(slug);
    const tag = await tx.tag.upsert({ where: { slug }, create: { name, slug }, update: {}, select: { id: true } });
    ids.push(tag.id);
  }
  return ids;
}
