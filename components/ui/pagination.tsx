type Props = { page: number; pageCount: number; hrefFor: (page: number) => string; label?: string };

/** Newer/older links between pages of a list: plain anchors, so reader pages load no client router code for them. */
export function Pagination({ page, pageCount, hrefFor, label = "Pages" }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" className="button">
          ← Newer posts
        </a>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={hrefFor(page + 1)} rel="next" className="button">
          Older posts →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
