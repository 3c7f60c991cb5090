import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/site/not-found-message";
import { SiteShell } from "@/components/site/site-shell";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// Every address no route matches: only the root layout is around it, so it brings the site's frame itself. A reader
// page's notFound() (a missing post, tag, source, page or month) is caught by app/(site)/not-found.tsx instead.
export default function NotFound() {
  return (
    <SiteShell>
      <NotFoundMessage />
    </SiteShell>
  );
}
