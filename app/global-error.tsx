"use client";

import { ErrorPage } from "@/components/ui/error-page";
import "./globals.css";

// When the root layout itself fails (it reads the site settings), this page replaces the whole document.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" className="site-main">
          <ErrorPage
            message="The site could not be shown right now. Please try again in a moment."
            away={{ href: "/", label: "Go to the home page" }}
            digest={error.digest}
            retry={reset}
          />
        </main>
      </body>
    </html>
  );
}
