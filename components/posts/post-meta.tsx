import { formatDay } from "@/lib/format";

type Props = {
  publishedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
};

/** Source, date and tags of a post, each linked to its own listing. */
export function PostMeta({ publishedAt, source, tags }: Props) {
  return (
    <div className="post-meta">
      {source && <a href={`/sources/${source.slug}`}>{source.name}</a>}
      <time dateTime={publishedAt.toISOString()}>{formatDay(publishedAt)}</time>
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
