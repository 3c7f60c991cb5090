import Link from "next/link";

type Props = { page: number; pageCount: number; hrefFor: (page: number) => string; label?: string };

/** Newer/older links between pages of a list; plain links, so they work without JavaScript. */
export function Pagination({ page, pageCount, hrefFor, label = "Pages" }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className="button">
          ← Newer posts
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next" className="button">
          Older posts →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
