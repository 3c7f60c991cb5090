import "server-only";
import { revalidatePath } from "next/cache";

/**
 * Call after anything readers can see changes (a post published, edited, unpublished, deleted or imported; tags,
 * sources or site settings changed), so every public page, feed and the sitemap shows it on the next request.
 */
export function revalidatePublicContent(): void {
  revalidatePath("/", "layout");
}
