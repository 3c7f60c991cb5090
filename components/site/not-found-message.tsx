/* eslint-disable @next/next/no-html-link-for-pages -- reader pages navigate with full page loads (see SiteShell) */

/** What a 404 says, inside whichever frame the 404 is rendered in (app/not-found.tsx or app/(site)/not-found.tsx). */
export function NotFoundMessage() {
  return (
    <>
      <h1 className="page-heading">This page is not here</h1>
      <p>The post may have been unpublished or moved, or the address may be mistyped.</p>
      <p>
        <a href="/">See the latest links</a> or search for what you were looking for.
      </p>
    </>
  );
}
