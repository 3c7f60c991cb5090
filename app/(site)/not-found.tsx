import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/site/not-found-message";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

// A reader page's notFound(): app/(site)/layout.tsx already draws the frame, so only the message goes here (one <main>).
export default function SiteNotFound() {
  return <NotFoundMessage />;
}
