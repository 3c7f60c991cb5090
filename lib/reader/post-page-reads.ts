// The reads behind a post page, handed from Next's bundles (where the database client and the public content cache
// live) to the HTTP server's post page renderer (lib/server/post-page.tsx), which is bundled apart: registered on
// globalThis at start-up by instrumentation.ts, like the readiness probes. No database import here.
import type { PostDocumentPost } from "@/components/site/post-document";
import type { SiteSettings } from "@/lib/settings/schema";

/** The settings and the published post of a post page, or null when no published post has this slug. */
export type PostPageReads = (slug: string) => Promise<{ settings: SiteSettings; post: PostDocumentPost } | null>;

const shared = globalThis as unknown as { linkpressPostPageReads?: PostPageReads };

export function registerPostPageReads(reads: PostPageReads): void {
  shared.linkpressPostPageReads = reads;
}

/** The registered reads, or undefined until Next has started. */
export function postPageReads(): PostPageReads | undefined {
  return shared.linkpressPostPageReads;
}
