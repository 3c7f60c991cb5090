import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostListing } from "@/components/posts/post-listing";
import { readPostList, readSiteSettings } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { pageMetadata } from "@/lib/seo/metadata";
import { homePageHref } from "./page-href";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await readSiteSettings();
  return pageMetadata(settings, { title: settings.title, path: "/" });
}

// GET /: the newest published posts. ?page=N is accepted and sent to its canonical /page/N address.
export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await connection();
  const { page } = await searchParams;
  if (page !== undefined) {
    const number = parsePageNumber(page);
    redirect(number && number > 1 ? homePageHref(number) : "/");
  }
  const result = await readPostList({}, 1);
  return <PostListing heading="Latest links" result={result} hrefFor={homePageHref} />;
}
