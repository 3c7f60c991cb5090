import type { PublicPostCard } from "@/lib/posts/queries";
import type { SnippetPart } from "@/lib/search/snippet";
import { displayHost } from "@/lib/format";
import { markdownToText } from "@/lib/markdown/render";
import { PostMeta } from "./post-meta";

type Card = PublicPostCard & { snippet?: SnippetPart[] };

// Lists show the start of a long TL;DR, cut at a word; the post page and the feeds carry all of it.
const TLDR_LENGTH = 320;
function shortTldr(text: string): string {
  if (text.length <= TLDR_LENGTH) return text;
  return `${text.slice(0, TLDR_LENGTH).replace(/\s+\S*$/, "")}…`;
}

/** The matched words of a search snippet in <mark>; every part is rendered as text. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <p className="post-card__tldr">{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}</p>;
}

/**
 * A list of published posts as cards: title (to the post page) with a "↗" straight to the article, as link blogs do,
 * meta and TL;DR, or a search snippet when given. Plain links: reader pages run no JavaScript.
 */
export function PostCardList({
  posts,
  timeZone,
  label = "Posts",
  emptyText = "Nothing has been published here yet.",
}: {
  posts: Card[];
  /** The site's time zone, in which each card's day is shown. */
  timeZone: string;
  label?: string;
  emptyText?: string;
}) {
  if (posts.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ol className="post-list" aria-label={label}>
      {posts.map((post) => (
        <li key={post.slug}>
          <article className="post-card">
            <h2 className="post-card__title">
              <a id={`post-${post.slug}`} href={`/posts/${post.slug}`}>
                {post.title}
              </a>{" "}
              {/* Named by where it goes and described by the title, so a links list reads "Original article on host" and
                  the title's own name stays the post page's alone. */}
              <a
                className="post-card__out"
                href={post.externalUrl}
                rel="noopener"
                aria-label={`Original article on ${displayHost(post.externalUrl) ?? "its site"}`}
                aria-describedby={`post-${post.slug}`}
              >
                ↗
              </a>
            </h2>
            <PostMeta publishedAt={post.publishedAt} source={post.source} tags={post.tags} timeZone={timeZone} />
            {post.snippet?.length ? <Snippet parts={post.snippet} /> : post.tldr && <p className="post-card__tldr">{shortTldr(markdownToText(post.tldr))}</p>}
          </article>
        </li>
      ))}
    </ol>
  );
}
