type Props = {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label?: string;
  /** The links' words; lists not ordered by date (tags by name) say "Previous page" and "Next page". */
  previousLabel?: string;
  nextLabel?: string;
  /** Links to pages by number too (the first, the last and two either side of this one), for lists one jumps around in. */
  numbered?: boolean;
};

/** The page numbers to link: 1, the last, and two either side of `page`; null where pages are left out (a lone page is shown instead). */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return shown.flatMap((n, index) => {
    const gap = index > 0 ? n - shown[index - 1] - 1 : 0;
    return gap === 0 ? [n] : [gap === 1 ? n - 1 : null, n];
  });
}

/** Links between pages of a list (newer/older by default): plain anchors, so reader pages load no client router code for them. */
export function Pagination({ page, pageCount, hrefFor, label = "Pages", previousLabel = "Newer posts", nextLabel = "Older posts", numbered = false }: Props) {
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
      {numbered ? (
        <ol className="pagination__pages">
          {pageNumbers(page, pageCount).map((n, index) => (
            <li key={n ?? `gap-${index}`}>
              {n === null ? (
                "…"
              ) : (
                <a href={hrefFor(n)} aria-current={n === page ? "page" : undefined} aria-label={`Page ${n}`}>
                  {n}
                </a>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <span className="pagination__status">
          Page {page} of {pageCount}
        </span>
      )}
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
