import { displayHost, formatDay } from "@/lib/format";

type Props = {
  publishedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
  /** The page where the editor found the link, shown as "via <host>" (the post page passes it, lists do not). */
  viaUrl?: string | null;
  /** The site's time zone: the day shown is the day there. */
  timeZone: string;
};

/** Source, date, where the link was found and tags of a post, each linked to its own listing or page. */
export function PostMeta({ publishedAt, source, tags, viaUrl, timeZone }: Props) {
  const viaHost = viaUrl ? displayHost(viaUrl) : null;
  return (
    <div className="post-meta">
      {source && <a href={`/sources/${source.slug}`}>{source.name}</a>}
      <time dateTime={publishedAt.toISOString()}>{formatDay(publishedAt, timeZone)}</time>
      {viaUrl && viaHost && (
        <span className="post-meta__via">
          via{" "}
          <a href={viaUrl} rel="nofollow noopener">
            {viaHost}
          </a>
        </span>
      )}
      {tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag.slug}>
              <a href={`/tags/${tag.slug}`}>#{tag.name}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
