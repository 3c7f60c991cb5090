"use client";

import { ErrorPage } from "@/components/ui/error-page";

// A reader page that failed to render. Not a 200, so the page cache never keeps it.
export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage
      message="This page could not be shown right now. Please try again in a moment."
      away={{ href: "/", label: "See the latest links" }}
      digest={error.digest}
      retry={reset}
    />
  );
}
