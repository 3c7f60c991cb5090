type Props = {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label?: string;
  /** The links' words; lists not ordered by date (tags by name) say "Previous page" and "Next page". */
  previousLabel?: string;
  nextLabel?: string;
};

/** Links between pages of a list (newer/older by default): plain anchors, so reader pages load no client router code for them. */
export function Pagination({ page, pageCount, hrefFor, label = "Pages", previousLabel = "Newer posts", nextLabel = "Older posts" }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" className="button">
          ← {previousLabel}
        </a>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={hrefFor(page + 1)} rel="next" className="button">
          {nextLabel} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
