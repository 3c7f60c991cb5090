"use client";

import { ErrorPage } from "@/components/ui/error-page";

// An admin page that failed to render (the database is down, a bug): nothing saved is lost.
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage
      message="This page could not be shown. Nothing you saved is lost: try again in a moment."
      away={{ href: "/admin/posts", label: "Back to the posts" }}
      digest={error.digest}
      retry={reset}
    />
  );
}
