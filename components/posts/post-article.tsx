import type { ReactNode } from "react";
import type { ArticlePost } from "@/lib/posts/schema";
import { PostMeta } from "./post-meta";

/**
 * A post as readers see it: the public post page, its secret preview links and the editors' preview of unsaved changes
 * all render this one component, so a preview never differs from the page it foreshadows. No hooks and no server
 * imports, so the unsaved-form preview can render it in the browser too.
 */
export function PostArticle({ post, timeZone, children }: { post: ArticlePost; timeZone: string; children?: ReactNode }) {
  return (
    <article className="post">
      {children}
      <h1>{post.title}</h1>
      <PostMeta publishedAt={post.publishedAt} source={post.source} tags={post.tags} viaUrl={post.viaUrl} timeZone={timeZone} />
      <a className="out-link" href={post.externalUrl} rel="noopener">
        Open the original post ↗
      </a>
      {post.archiveUrl && (
        <p className="link-gone">
          The original appears to be gone: <a href={post.archiveUrl}>read the archived copy</a>
        </p>
      )}
      {post.tldrHtml && (
        <section className="post-section" aria-labelledby="tldr-heading">
          <h2 id="tldr-heading">TL;DR</h2>
          <div className="prose post-tldr" dangerouslySetInnerHTML={{ __html: post.tldrHtml }} />
        </section>
      )}
      {post.summaryHtml && (
        <section className="post-section" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: post.summaryHtml }} />
        </section>
      )}
      {post.commentaryHtml && (
        <section className="post-section" aria-labelledby="commentary-heading">
          <h2 id="commentary-heading">Commentary</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: post.commentaryHtml }} />
        </section>
      )}
    </article>
  );
}
