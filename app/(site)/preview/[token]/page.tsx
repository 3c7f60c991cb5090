import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostArticle } from "@/components/posts/post-article";
import { findPreviewByToken } from "@/lib/previews/queries";
import { getSiteTimeZone } from "@/lib/settings/queries";

type Props = { params: Promise<{ token: string }> };

// One lookup per request for the metadata and the page.
const findPreview = cache((token: string) => findPreviewByToken(token));

// Never indexed, whatever the link leads to (proxy.ts also sends X-Robots-Tag, no-store and no-referrer for /preview).
const NOT_INDEXED = { index: false, follow: false } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const target = await findPreview((await params).token);
  return { title: target?.kind === "preview" ? `Preview: ${target.post.title}` : "Not found", robots: NOT_INDEXED };
}

// GET /preview/<token>: a post readers cannot see yet, for anyone holding the secret link, exactly as its page will
// look. Expired, revoked, unknown and malformed tokens and trashed posts are all the same 404. Once the post is public
// the link leads to its page.
export default async function PreviewPage({ params }: Props) {
  await connection();
  const [target, timeZone] = await Promise.all([findPreview((await params).token), getSiteTimeZone()]);
  if (!target) notFound();
  if (target.kind === "public") redirect(`/posts/${target.slug}`);
  return (
    <>
      <div className="notice" role="note">
        <p>Preview: this post is not published yet. Please do not pass this link on.</p>
      </div>
      <PostArticle post={target.post} timeZone={timeZone} />
    </>
  );
}
