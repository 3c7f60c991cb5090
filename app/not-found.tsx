/* eslint-disable @next/next/no-html-link-for-pages -- reader pages navigate with full page loads (see SiteShell) */
import type { Metadata } from "next";
import { SiteShell } from "@/components/site/site-shell";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// Every unknown address, missing or unpublished post, and empty tag or source.
export default function NotFound() {
  return (
    <SiteShell>
      <h1 className="page-heading">This page is not here</h1>
      <p>The post may have been unpublished or moved, or the address may be mistyped.</p>
      <p>
        <a href="/">See the latest links</a> or search for what you were looking for.
      </p>
    </SiteShell>
  );
}
