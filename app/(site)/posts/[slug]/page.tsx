import { connection } from "next/server";
import type { Metadata } from "next";
import { PostArticle } from "@/components/posts/post-article";
import { JsonLd } from "@/components/site/json-ld";
import { readPublishedPost, readSiteSettings } from "@/lib/cache/public-reads";
import { movedOrNotFound } from "@/lib/redirects/moved";
import { postJsonLd } from "@/lib/seo/json-ld";
import { postPageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost((await params).slug)]);
  if (!post) return { title: "Not found", robots: { index: false } };
  return postPageMetadata(settings, post);
}

// GET /posts/<slug>: one published post with its summary, commentary and the link to the original article.
export default async function PostPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost(slug)]);
  if (!post) return movedOrNotFound("post", slug, `/posts/${slug}`);
  return (
    <PostArticle post={post} timeZone={settings.timeZone}>
      <JsonLd data={postJsonLd(settings, post)} />
    </PostArticle>
  );
}
