import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { cache } from "react";
import { PostMeta } from "@/components/posts/post-meta";
import { getPublishedPostBySlug } from "@/lib/posts/queries";
import { renderMarkdown } from "@/lib/markdown/render";

type Props = { params: Promise<{ slug: string }> };

// Metadata and the page share one read per request.
const loadPost = cache((slug: string) => getPublishedPostBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const post = await loadPost((await params).slug);
  if (!post) return { title: "Not found" };
  return { title: post.title, description: post.tldr || undefined, alternates: { canonical: `/posts/${post.slug}` } };
}

// GET /posts/<slug>: one published post with its summary, commentary and the link to the original article.
export default async function PostPage({ params }: Props) {
  await connection();
  const post = await loadPost((await params).slug);
  if (!post) notFound();
  const summaryHtml = renderMarkdown(post.summary);
  const commentaryHtml = renderMarkdown(post.commentary);
  return (
    <article className="post">
      <h1>{post.title}</h1>
      <PostMeta publishedAt={post.publishedAt} source={post.source} tags={post.tags} />
      <a className="out-link" href={post.externalUrl} rel="noopener">
        Open the original post ↗
      </a>
      {post.tldr && (
        <section className="post-section" aria-labelledby="tldr-heading">
          <h2 id="tldr-heading">TL;DR</h2>
          <p className="post-tldr">{post.tldr}</p>
        </section>
      )}
      {summaryHtml && (
        <section className="post-section" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: summaryHtml }} />
        </section>
      )}
      {commentaryHtml && (
        <section className="post-section" aria-labelledby="commentary-heading">
          <h2 id="commentary-heading">Commentary</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: commentaryHtml }} />
        </section>
      )}
    </article>
  );
}
