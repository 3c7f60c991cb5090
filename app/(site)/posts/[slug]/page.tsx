import { connection } from "next/server";
import type { Metadata } from "next";
import { PostMeta } from "@/components/posts/post-meta";
import { JsonLd } from "@/components/site/json-ld";
import { readPublishedPost, readSiteSettings } from "@/lib/cache/public-reads";
import { movedOrNotFound } from "@/lib/redirects/moved";
import { postJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost((await params).slug)]);
  if (!post) return { title: "Not found", robots: { index: false } };
  return pageMetadata(settings, {
    title: post.title,
    description: post.tldr,
    path: `/posts/${post.slug}`,
    type: "article",
    publishedTime: post.publishedAt,
    modifiedTime: post.updatedAt,
    tags: post.tags.map((tag) => tag.name),
  });
}

// GET /posts/<slug>: one published post with its summary, commentary and the link to the original article.
export default async function PostPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost(slug)]);
  if (!post) return movedOrNotFound("post", slug, `/posts/${slug}`);
  return (
    <article className="post">
      <JsonLd data={postJsonLd(settings, post)} />
      <h1>{post.title}</h1>
      <PostMeta publishedAt={post.publishedAt} source={post.source} tags={post.tags} viaUrl={post.viaUrl} timeZone={settings.timeZone} />
      <a className="out-link" href={post.externalUrl} rel="noopener">
        Open the original post ↗
      </a>
      {post.tldr && (
        <section className="post-section" aria-labelledby="tldr-heading">
          <h2 id="tldr-heading">TL;DR</h2>
          <p className="post-tldr">{post.tldr}</p>
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
