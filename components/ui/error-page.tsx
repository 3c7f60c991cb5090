"use client";

type Props = {
  /** What went wrong, in the reader's or editor's terms; never the error's own message or stack. */
  message: string;
  /** Where to go on from here. */
  away: { href: string; label: string };
  /** Next's hash of the server error, which the server log shows beside the details. */
  digest?: string;
  retry: () => void;
};

/** The page shown when rendering failed: an apology, a retry, a way on; the details stay in the server log. */
export function ErrorPage({ message, away, digest, retry }: Props) {
  return (
    <section aria-labelledby="error-heading">
      <h1 id="error-heading" className="page-heading">
        Something went wrong
      </h1>
      <p role="alert">{message}</p>
      {digest && (
        <p className="error-reference">
          If this keeps happening, quote this reference to whoever runs the site: <code>{digest}</code>
        </p>
      )}
      <p className="button-row">
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
        {/* A full page load: the site's pages navigate without client-side routing. */}
        <a href={away.href}>{away.label}</a>
      </p>
    </section>
  );
}
