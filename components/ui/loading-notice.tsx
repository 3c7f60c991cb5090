/** What a page shows while its data loads: a polite status, read once by screen readers. */
export function LoadingNotice({ what }: { what: string }) {
  return (
    <p className="loading-notice" role="status">
      Loading {what}…
    </p>
  );
}
