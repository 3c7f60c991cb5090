import Link from "next/link";
import type { PublicPostCard } from "@/lib/posts/queries";
import { PostMeta } from "./post-meta";

/** A list of published posts as cards: title (to the post page), meta and TL;DR. */
export function PostCardList({ posts }: { posts: PublicPostCard[] }) {
  if (posts.length === 0) return <p className="empty">Nothing has been published here yet.</p>;
  return (
    <ol className="post-list" aria-label="Posts">
      {posts.map((post) => (
        <li key={post.slug}>
          <article className="post-card">
            <h2 className="post-card__title">
              <Link href={`/posts/${post.slug}`}>{post.title}</Link>
            </h2>
            <PostMeta publishedAt={post.publishedAt} source={post.source} tags={post.tags} />
            {post.tldr && <p className="post-card__tldr">{post.tldr}</p>}
          </article>
        </li>
      ))}
    </ol>
  );
}
